using System.Collections.ObjectModel;
using System.Text.RegularExpressions;
using Octokit;
using Serilog;

namespace Runway.GitHub;

/// <summary>
/// Mirrors a Runway deployment as a GitHub deployment: created once per environment, ref and release,
/// an <c>in_progress</c> status per phase, then <c>success</c> or <c>failure</c>; on rollback the previous
/// release's deployment becomes active again.
/// </summary>
public sealed partial class DeploymentTracker(GitHubConnection github, ILogger logger)
{
    /// <summary>The payload key that carries the release.</summary>
    public const string ReleasePayloadKey = "release";

    /// <summary>The payload key that marks a deployment as Runway's (value <see cref="ToolPayloadValue"/>).</summary>
    public const string ToolPayloadKey = "tool";

    /// <summary>The value of <see cref="ToolPayloadKey"/> on Runway's deployments.</summary>
    public const string ToolPayloadValue = "runway";

    /// <summary>The deployment task Runway creates and looks for.</summary>
    public const string DeployTask = "deploy";

    /// <summary>Finds the deployment for <paramref name="target"/>, or creates it (never twice, even when retried).</summary>
    public async Task<TrackedDeployment> StartAsync(DeploymentTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var deployment = await github.CallAsync($"create deployment {target.Environment}/{target.Release}", c => FindOrCreateAsync(c, target), cancellationToken).ConfigureAwait(false);
        logger.Information("GitHub deployment {DeploymentId} for {Release} to {Environment} ({Outcome})",
            deployment.Id, target.Release, target.Environment, deployment.Created ? "created" : "reused");
        return deployment;
    }

    /// <summary>Reports that <paramref name="phase"/> started, with the traffic weight it moves to.</summary>
    public Task PhaseStartedAsync(TrackedDeployment deployment, string phase, int weight, CancellationToken cancellationToken) =>
        SetStatusAsync(deployment, DeploymentState.InProgress, $"{phase} running (weight {weight}%)", cancellationToken);

    /// <summary>Reports that the deployment finished and is live.</summary>
    public Task SucceededAsync(TrackedDeployment deployment, CancellationToken cancellationToken) =>
        SetStatusAsync(deployment, DeploymentState.Success, $"{deployment.Target.Release} deployed", cancellationToken);

    /// <summary>Reports that the deployment failed; <paramref name="reason"/> is shown on GitHub (keep secrets out).</summary>
    public Task FailedAsync(TrackedDeployment deployment, string reason, CancellationToken cancellationToken) =>
        SetStatusAsync(deployment, DeploymentState.Failure, reason, cancellationToken);

    private async Task<TrackedDeployment> FindOrCreateAsync(IGitHubClient client, DeploymentTarget target)
    {
        var existing = await FindAsync(client, target.Environment, target.Release, target.Ref).ConfigureAwait(false);
        if (existing is not null)
            return new TrackedDeployment(existing.Id, target, Created: false);
        var created = await client.Repository.Deployment.Create(github.Owner, github.Name, NewDeploymentFor(target)).ConfigureAwait(false);
        return new TrackedDeployment(created.Id, target, Created: true);
    }

    // GitHub filters by environment, task and commit or ref; every page is read, so 101 newer deployments of other
    // environments (or releases) cannot hide this one.
    internal async Task<GitHubDeploymentRecord?> FindAsync(IGitHubClient client, string environment, string release, string? gitRef)
    {
        var query = new Dictionary<string, string> { ["environment"] = environment, ["task"] = DeployTask };
        if (gitRef is not null)
            query[FullSha().IsMatch(gitRef) ? "sha" : "ref"] = gitRef;
        var (deployments, _) = await GitHubRest.GetAllAsync(client, $"repos/{github.Owner}/{github.Name}/deployments", query, page => page.AsArray()).ConfigureAwait(false);
        return deployments.Select(GitHubDeploymentRecord.Read)
            .Where(d => d.Environment == environment && d.IsRunwaysDeploymentOf(release))
            .MaxBy(d => d.Id);
    }

    [GeneratedRegex("^[0-9a-fA-F]{40}$")]
    private static partial Regex FullSha();

    private static NewDeployment NewDeploymentFor(DeploymentTarget target) => new(target.Ref)
    {
        Environment = target.Environment,
        Description = Truncate($"Runway: {target.Release} to {target.Environment}"),
        Payload = new Dictionary<string, string> { [ReleasePayloadKey] = target.Release, [ToolPayloadKey] = ToolPayloadValue },
        Task = DeployTask,
        AutoMerge = false,
        // The release gate already checked the statuses; GitHub must not check them again.
        RequiredContexts = new Collection<string>(),
    };

    internal async Task SetStatusAsync(TrackedDeployment deployment, DeploymentState state, string description, CancellationToken cancellationToken)
    {
        var status = new NewDeploymentStatus(state)
        {
            Description = Truncate(description),
            EnvironmentUrl = deployment.Target.EnvironmentUrl?.ToString(),
            LogUrl = deployment.Target.LogUrl?.ToString(),
        };
        await github.CallAsync($"set deployment status {state}", c => c.Repository.Deployment.Status.Create(github.Owner, github.Name, deployment.Id, status), cancellationToken).ConfigureAwait(false);
        logger.Information("GitHub deployment {DeploymentId} is {State}: {Description}", deployment.Id, state, status.Description);
    }

    // GitHub rejects status descriptions longer than 140 characters.
    private static string Truncate(string text) => text.Length <= 140 ? text : text[..139] + "…";
}
