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

    private async Task<string?> FindTaggedCommitAsync(IGitHubClient client, string tag)
    {
        try
        {
            var reference = await client.Git.Reference.Get(github.Owner, github.Name, $"tags/{tag}").ConfigureAwait(false);
            if (reference.Object.Type.StringValue != "tag")
                return reference.Object.Sha;
            var annotated = await client.Git.Tag.Get(github.Owner, github.Name, reference.Object.Sha).ConfigureAwait(false);
            return annotated.Object.Sha;
        }
        catch (NotFoundException)
        {
            return null;
        }
    }
}
