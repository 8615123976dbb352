using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Octokit;
using Serilog;

namespace Runway.GitHub;

/// <summary>
/// Decides whether a release commit may ship: checks green, tag present (or created), release notes
/// drafted, no blocking pull request. A check that fails is reported; GitHub being unreachable throws.
/// </summary>
public sealed partial class ReleaseGate(GitHubConnection github, ILogger logger)
{
    /// <summary>Runs the four gate checks for <paramref name="release"/> on <paramref name="commitShaOrRef"/>.</summary>
    /// <param name="commitShaOrRef">A 40-character commit SHA, or a branch/tag name GitHub resolves to one.</param>
    /// <param name="release">The release, e.g. <c>2.4.0</c>.</param>
    /// <param name="options">What to require and whether the tag may be created.</param>
    /// <param name="cancellationToken">Cancels the checks.</param>
    /// <exception cref="GitHubCallFailedException">GitHub could not be reached or refused a call.</exception>
    public async Task<ReleaseGateResult> CheckAsync(string commitShaOrRef, string release, ReleaseGateOptions options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(commitShaOrRef);
        ArgumentException.ThrowIfNullOrWhiteSpace(release);
        ArgumentNullException.ThrowIfNull(options);
        var sha = await ResolveCommitAsync(commitShaOrRef, cancellationToken).ConfigureAwait(false);
        var checksGreen = await CheckCommitStatusesAsync(sha, options, cancellationToken).ConfigureAwait(false);
        var tagged = await CheckTagAsync(sha, options.TagFor(release), options.CreateTagIfMissing, cancellationToken).ConfigureAwait(false);
        var (notesCheck, notes) = await DraftReleaseNotesAsync(sha, release, options, cancellationToken).ConfigureAwait(false);
        var noBlocking = await CheckBlockingPullRequestsAsync(options.BlockingLabel, cancellationToken).ConfigureAwait(false);
        var result = new ReleaseGateResult(sha, [checksGreen, tagged, notesCheck, noBlocking], notes);
        foreach (var check in result.Checks)
            logger.Information("Release gate {CheckId} for {Release}: {Outcome} ({Summary})", check.Id, release, check.Passed ? "passed" : "failed", check.Summary);
        return result;
    }

    private async Task<string> ResolveCommitAsync(string commitShaOrRef, CancellationToken cancellationToken) =>
        FullSha().IsMatch(commitShaOrRef)
            ? commitShaOrRef.ToLowerInvariant()
            : await github.CallAsync("resolve commit", c => c.Repository.Commit.GetSha1(github.Owner, github.Name, commitShaOrRef), cancellationToken).ConfigureAwait(false);

    // GitHub's generate-notes call saves nothing: the notes count as drafted once a draft release carries them.
    private async Task<(GateCheck Check, string? Notes)> DraftReleaseNotesAsync(string sha, string release, ReleaseGateOptions options, CancellationToken cancellationToken)
    {
        var previousTag = options.PreviousRelease is null ? null : options.TagFor(options.PreviousRelease);
        var request = new GenerateReleaseNotesRequest(options.TagFor(release)) { TargetCommitish = sha, PreviousTagName = previousTag };
        var notes = await github.CallAsync("generate release notes", c => c.Repository.Release.GenerateReleaseNotes(github.Owner, github.Name, request), cancellationToken).ConfigureAwait(false);
        var hasNotes = !string.IsNullOrWhiteSpace(notes.Body);
        var saved = hasNotes
            ? await github.CallAsync($"draft release {request.TagName}", c => SaveDraftAsync(c, request.TagName, sha, notes.Name, notes.Body!), cancellationToken).ConfigureAwait(false)
            : null;
        var evidence = new JsonObject
        {
            ["tag"] = request.TagName, ["previousTag"] = previousTag, ["name"] = notes.Name, ["characters"] = notes.Body?.Length ?? 0,
            ["release"] = saved?.HtmlUrl, ["draft"] = saved?.Draft,
        };
        var summary = saved is null ? "GitHub drafted empty release notes"
            : saved.Draft ? $"draft release {request.TagName} with {notes.Body!.Length} characters of notes since {previousTag ?? "the latest release"}"
            : $"release {request.TagName} is already published";
        return (new GateCheck(ReleaseGateResult.ReleaseNotesDrafted, saved is not null, summary, evidence), hasNotes ? notes.Body : null);
    }

    // Runs inside the retry: look up first, so a retried create never makes a second release. A published release is left as it is.
    private async Task<Release> SaveDraftAsync(IGitHubClient client, string tag, string sha, string name, string body)
    {
        var (releases, _) = await GitHubRest.GetAllAsync(client, $"repos/{github.Owner}/{github.Name}/releases", new Dictionary<string, string>(), page => page.AsArray()).ConfigureAwait(false);
        var existing = releases.FirstOrDefault(r => GitHubRest.Text(r["tag_name"]) == tag);
        if (existing?["id"]?.GetValue<long>() is { } id)
            return existing["draft"]?.GetValue<bool>() == true
                ? await GitHubRest.PatchAsync<Release>(client, $"repos/{github.Owner}/{github.Name}/releases/{id}", new JsonObject { ["body"] = body }).ConfigureAwait(false)
                : await client.Repository.Release.Get(github.Owner, github.Name, id).ConfigureAwait(false);
        var created = await GitHubRest.PostAsync<Release>(client, $"repos/{github.Owner}/{github.Name}/releases", new JsonObject
        {
            ["tag_name"] = tag, ["target_commitish"] = sha, ["name"] = name, ["body"] = body, ["draft"] = true,
        }).ConfigureAwait(false);
        logger.Information("Drafted release {Tag} with its notes", tag);
        return created;
    }

    private async Task<GateCheck> CheckBlockingPullRequestsAsync(string label, CancellationToken cancellationToken)
    {
        var open = await github.CallAsync("list open pull requests",
            c => c.PullRequest.GetAllForRepository(github.Owner, github.Name, new PullRequestRequest { State = ItemStateFilter.Open }), cancellationToken).ConfigureAwait(false);
        var blocking = open.Where(pr => pr.Labels.Any(l => string.Equals(l.Name, label, StringComparison.OrdinalIgnoreCase))).ToList();
        var evidence = new JsonObject
        {
            ["label"] = label,
            ["openPullRequests"] = open.Count,
            ["blocking"] = new JsonArray([.. blocking.Select(pr => (JsonNode)new JsonObject { ["number"] = pr.Number, ["title"] = pr.Title, ["url"] = pr.HtmlUrl })]),
        };
        var summary = blocking.Count == 0
            ? $"no open pull request labelled '{label}'"
            : $"blocked by {string.Join(", ", blocking.Select(pr => $"#{pr.Number} {pr.Title}"))} (label '{label}')";
        return new GateCheck(ReleaseGateResult.NoBlockingPullRequests, blocking.Count == 0, summary, evidence);
    }

    [GeneratedRegex("^[0-9a-fA-F]{40}$")]
    private static partial Regex FullSha();
}
