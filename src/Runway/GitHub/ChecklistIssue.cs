using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Octokit;
using Serilog;

namespace Runway.GitHub;

/// <summary>
/// Keeps one GitHub issue per deployment whose body is the live checklist. The issue is known by its number (kept in
/// the ledger by the caller) or found again by a hidden marker in its body, so reruns update it instead of opening
/// another. An update sends only the title and body: milestone, assignees and labels stay as people set them.
/// </summary>
public sealed partial class ChecklistIssue(GitHubConnection github, ILogger logger, string label = ChecklistIssue.DefaultLabel)
{
    /// <summary>The label every checklist issue carries (when the token may label; finding it never depends on it).</summary>
    public const string DefaultLabel = "runway-deployment";

    /// <summary>The hidden HTML comment that identifies the issue of <paramref name="deploymentKey"/>.</summary>
    public static string MarkerFor(string deploymentKey) => $"<!-- runway-deployment: {Unsafe().Replace(deploymentKey, "_")} -->";

    /// <summary>Creates the issue for <paramref name="deploymentKey"/> or updates its title and body.</summary>
    /// <param name="deploymentKey">Identifies the deployment, e.g. <c>production/2.4.0/42</c>.</param>
    /// <param name="title">Issue title.</param>
    /// <param name="markdownBody">The checklist as Markdown task lists; the marker is added in front.</param>
    /// <param name="knownNumber">The issue's number when the ledger has it; otherwise it is looked for by its marker.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <param name="createdSince">When the deployment began: the issue cannot be older, so the look-up reads only issues updated since.</param>
    public async Task<ChecklistIssueRef> UpsertAsync(string deploymentKey, string title, string markdownBody, int? knownNumber, CancellationToken cancellationToken, DateTimeOffset? createdSince = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deploymentKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        var marker = MarkerFor(deploymentKey);
        var body = $"{marker}\n{markdownBody}";
        var issue = await github.CallAsync($"upsert checklist issue {deploymentKey}", c => UpsertAsync(c, marker, title, body, knownNumber, createdSince), cancellationToken).ConfigureAwait(false);
        logger.Information("Checklist issue #{IssueNumber} for {DeploymentKey} {Outcome}", issue.Number, deploymentKey, issue.Created ? "created" : "updated");
        return issue;
    }

    /// <summary>Closes the issue: the deployment ended (<paramref name="completed"/>: succeeded; otherwise rolled back).</summary>
    public async Task CloseAsync(int number, bool completed, CancellationToken cancellationToken)
    {
        var update = new JsonObject { ["state"] = "closed", ["state_reason"] = completed ? "completed" : "not_planned" };
        await github.CallAsync($"close checklist issue #{number}", c => GitHubRest.PatchAsync<Issue>(c, IssuePath(number), update), cancellationToken).ConfigureAwait(false);
        logger.Information("Checklist issue #{IssueNumber} closed ({Reason})", number, update["state_reason"]!.GetValue<string>());
    }

    // Runs inside the retry: look up first, so a retried create never opens a second issue.
    private async Task<ChecklistIssueRef> UpsertAsync(IGitHubClient client, string marker, string title, string body, int? knownNumber, DateTimeOffset? createdSince)
    {
        var number = knownNumber ?? await FindByMarkerAsync(client, marker, createdSince).ConfigureAwait(false);
        if (number is { } existing)
        {
            // Only what Runway owns: Octokit's IssueUpdate would also send "milestone": null and clear it.
            var updated = await GitHubRest.PatchAsync<Issue>(client, IssuePath(existing), new JsonObject { ["title"] = title, ["body"] = body }).ConfigureAwait(false);
            return new ChecklistIssueRef(updated.Number, updated.HtmlUrl, Created: false);
        }
        var created = await GitHubRest.PostAsync<Issue>(client, $"repos/{github.Owner}/{github.Name}/issues",
            new JsonObject { ["title"] = title, ["body"] = body, ["labels"] = new JsonArray(label) }).ConfigureAwait(false);
        return new ChecklistIssueRef(created.Number, created.HtmlUrl, Created: true);
    }

    // Not by the label: GitHub drops it silently for a token without push access. The marker in the body decides;
    // every page, open and closed, narrowed to issues updated since the deployment began when that is known.
    private async Task<int?> FindByMarkerAsync(IGitHubClient client, string marker, DateTimeOffset? createdSince)
    {
        var query = new Dictionary<string, string> { ["state"] = "all" };
        if (createdSince is { } since)
            query["since"] = since.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var (issues, _) = await GitHubRest.GetAllAsync(client, $"repos/{github.Owner}/{github.Name}/issues", query, page => page.AsArray()).ConfigureAwait(false);
        return issues.Where(i => i["pull_request"] is null && (GitHubRest.Text(i["body"])?.Contains(marker, StringComparison.Ordinal) ?? false))
            .Select(i => i["number"]?.GetValue<int>())
            .FirstOrDefault();
    }

    private string IssuePath(int number) => $"repos/{github.Owner}/{github.Name}/issues/{number}";

    // Keeps the key from closing the HTML comment early.
    [GeneratedRegex("[<>]")]
    private static partial Regex Unsafe();
}
