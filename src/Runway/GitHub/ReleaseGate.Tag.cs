using System.Text.Json.Nodes;
using Octokit;

namespace Runway.GitHub;

public sealed partial class ReleaseGate
{
    private async Task<GateCheck> CheckTagAsync(string sha, string tag, bool create, CancellationToken cancellationToken)
    {
        var (taggedSha, created) = await github.CallAsync($"ensure tag {tag}", c => EnsureTagAsync(c, sha, tag, create), cancellationToken).ConfigureAwait(false);
        var passed = string.Equals(taggedSha, sha, StringComparison.OrdinalIgnoreCase);
        var summary = taggedSha is null ? $"tag {tag} does not exist (create it, or run with tag creation on)"
            : passed ? (created ? $"created tag {tag} at {sha}" : $"tag {tag} points at {sha}")
            : $"tag {tag} points at {taggedSha}, not the release commit {sha}";
        var evidence = new JsonObject { ["tag"] = tag, ["expectedCommit"] = sha, ["taggedCommit"] = taggedSha, ["created"] = created };
        return new GateCheck(ReleaseGateResult.ReleaseTagged, passed, summary, evidence);
    }

    // Runs inside the retry: look up first, so a retried create never makes a second tag.
    private async Task<(string? Sha, bool Created)> EnsureTagAsync(IGitHubClient client, string sha, string tag, bool create)
    {
        if (await FindTaggedCommitAsync(client, tag).ConfigureAwait(false) is { } existing)
            return (existing, false);
        if (!create)
            return (null, false);
        try
        {
            var reference = await client.Git.Reference.Create(github.Owner, github.Name, new NewReference($"refs/tags/{tag}", sha)).ConfigureAwait(false);
            logger.Information("Created tag {Tag} at {Commit}", tag, sha);
            return (reference.Object.Sha, true);
        }
        catch (ApiValidationException)
        {
            // 422 "Reference already exists": an earlier attempt created it but its answer was lost.
            return (await FindTaggedCommitAsync(client, tag).ConfigureAwait(false), false);
        }
    }

    // GET /git/ref/tags/{tag} answers the exact ref or 404 (the /git/refs/ form is not in GitHub's API description and
    // may answer an array of refs that merely start with the name).
    private async Task<string?> FindTaggedCommitAsync(IGitHubClient client, string tag)
    {
        try
        {
            var reference = await GitHubRest.GetAsync(client, $"repos/{github.Owner}/{github.Name}/git/ref/tags/{tag}").ConfigureAwait(false);
            var exact = reference is JsonArray refs ? refs.FirstOrDefault(r => GitHubRest.Text(r?["ref"]) == $"refs/tags/{tag}") : reference;
            if (exact?["object"] is not { } target)
                return null;
            if (GitHubRest.Text(target["type"]) != "tag")
                return GitHubRest.Text(target["sha"]);
            var annotated = await client.Git.Tag.Get(github.Owner, github.Name, GitHubRest.Text(target["sha"])).ConfigureAwait(false);
            return annotated.Object.Sha;
        }
        catch (NotFoundException)
        {
            return null;
        }
    }
}
