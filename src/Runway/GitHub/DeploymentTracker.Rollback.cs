using Octokit;

namespace Runway.GitHub;

public sealed partial class DeploymentTracker
{
    /// <summary>
    /// Records a rollback on GitHub: the failed release's deployment gets <c>failure</c>, and the previous
    /// release's deployment (created for <paramref name="previous"/> if GitHub has none) gets a new
    /// <c>success</c>, so GitHub shows it as the active one again.
    /// </summary>
    /// <param name="failed">The deployment being rolled back (environment and release; ref may differ).</param>
    /// <param name="previous">The release rolled back to, with its ref and links.</param>
    /// <param name="failedDeploymentId">The failed release's GitHub deployment as the ledger recorded it; looked up when null.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The previous release's deployment, now active.</returns>
    public async Task<TrackedDeployment> RollbackAsync(DeploymentTarget failed, DeploymentTarget previous, long? failedDeploymentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failed);
        ArgumentNullException.ThrowIfNull(previous);
        var failedId = failedDeploymentId ?? (await github.CallAsync($"find deployment {failed.Environment}/{failed.Release}",
            c => FindAsync(c, failed.Environment, failed.Release, gitRef: null), cancellationToken).ConfigureAwait(false))?.Id;
        if (failedId is { } id)
            await SetStatusAsync(new TrackedDeployment(id, failed, Created: false), DeploymentState.Failure,
                $"Rolled back to {previous.Release}", cancellationToken).ConfigureAwait(false);
        else
            logger.Warning("No GitHub deployment of {Release} to {Environment} to mark as rolled back", failed.Release, failed.Environment);

        var restored = await github.CallAsync($"find deployment {previous.Environment}/{previous.Release}",
            c => FindRestoredAsync(c, previous), cancellationToken).ConfigureAwait(false);
        await SetStatusAsync(restored, DeploymentState.Success, $"{previous.Release} active again after rollback of {failed.Release}", cancellationToken).ConfigureAwait(false);
        return restored;
    }

    private async Task<TrackedDeployment> FindRestoredAsync(IGitHubClient client, DeploymentTarget previous)
    {
        var existing = await FindAsync(client, previous.Environment, previous.Release, gitRef: null).ConfigureAwait(false);
        return existing is not null
            ? new TrackedDeployment(existing.Id, previous, Created: false)
            : await FindOrCreateAsync(client, previous).ConfigureAwait(false);
    }
}
