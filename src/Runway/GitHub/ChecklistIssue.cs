using System.Text.RegularExpressions;
using Octokit;
using Serilog;

namespace Runway.GitHub;

/// <summary>
/// Keeps one GitHub issue per deployment whose body is the live checklist. The issue is found again by a
/// hidden marker in its body (and narrowed by a label), so reruns update it instead of opening another.
/// </summary>
public sealed partial class ChecklistIssue(GitHubConnection github, ILogger logger, string label = ChecklistIssue.DefaultLabel)
{
    /// <summary>The label every checklist issue carries.</summary>
    public const string DefaultLabel = "runway-deployment";

    /// <summary>The hidden HTML comment that identifies the issue of <paramref name="deploymentKey"/>.</summary>
    public static string MarkerFor(string deploymentKey) => $"<!-- runway-deployment: {Unsafe().Replace(deploymentKey, "_")} -->";

    /// <summary>Creates the issue for <paramref name="deploymentKey"/> or updates its title and body.</summary>
    /// <param name="deploymentKey">Identifies the deployment, e.g. <c>production/2.4.0/42</c>.</param>
    /// <param name="title">Issue title.</param>
    /// <param name="markdownBody">The checklist as Markdown task lists; the marker is added in front.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    public async Task<ChecklistIssueRef> UpsertAsync(string deploymentKey, string title, string markdownBody, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deploymentKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        var marker = MarkerFor(deploymentKey);
        var body = $"{marker}\n{markdownBody}";
        var issue = await github.CallAsync($"upsert checklist issue {deploymentKey}", c => UpsertAsync(c, marker, title, body), cancellationToken).ConfigureAwait(false);
        logger.Information("Checklist issue #{IssueNumber} for {DeploymentKey} {Outcome}", issue.Number, deploymentKey, issue.Created ? "created" : "updated");
        return issue;
    }

    // Runs inside the retry: look up first, so a retried create never opens a second issue.
    private async Task<ChecklistIssueRef> UpsertAsync(IGitHubClient client, string marker, string title, string body)
    {
        var request = new RepositoryIssueRequest { State = ItemStateFilter.All, Filter = IssueFilter.All };
        request.Labels.Add(label);
        var labelled = await client.Issue.GetAllForRepository(github.Owner, github.Name, request).ConfigureAwait(false);
        var existing = labelled.FirstOrDefault(i => i.PullRequest is null && (i.Body?.Contains(marker, StringComparison.Ordinal) ?? false));
        if (existing is not null)
        {
            var updated = await client.Issue.Update(github.Owner, github.Name, existing.Number, new IssueUpdate { Title = title, Body = body }).ConfigureAwait(false);
            return new ChecklistIssueRef(updated.Number, updated.HtmlUrl, Created: false);
        }
        var newIssue = new NewIssue(title) { Body = body };
        newIssue.Labels.Add(label);
        var created = await client.Issue.Create(github.Owner, github.Name, newIssue).ConfigureAwait(false);
        return new ChecklistIssueRef(created.Number, created.HtmlUrl, Created: true);
    }

    // Keeps the key from closing the HTML comment early.
    [GeneratedRegex("[<>]")]
    private static partial Regex Unsafe();
}
