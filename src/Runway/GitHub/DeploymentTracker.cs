using System.Collections.ObjectModel;
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

    // Deployments are listed newest first; a rerun looks for its own among the most recent ones.
    private static readonly ApiOptions RecentDeployments = new() { PageSize = 100, PageCount = 1, StartPage = 1 };

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

    internal async Task<Deployment?> FindAsync(IGitHubClient client, string environment, string release, string? gitRef)
    {
        var recent = await client.Repository.Deployment.GetAll(github.Owner, github.Name, RecentDeployments).ConfigureAwait(false);
        return recent
            .Where(d => d.Environment == environment && (gitRef is null || d.Ref == gitRef))
            .Where(d => d.Payload is not null && d.Payload.TryGetValue(ReleasePayloadKey, out var r) && r?.ToString() == release)
            .MaxBy(d => d.Id);
    }

    private static NewDeployment NewDeploymentFor(DeploymentTarget target) => new(target.Ref)
    {
        Environment = target.Environment,
        Description = Truncate($"Runway: {target.Release} to {target.Environment}"),
        Payload = new Dictionary<string, string> { [ReleasePayloadKey] = target.Release },
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
