using Runway.Ledger;
using Serilog;

namespace Runway.Phases;

/// <summary>
/// The deployment a run works on: it takes the environment's lock for the whole run, then resumes the release's
/// running deployment (a staged CI job, or a rerun after a crash) or starts a new one.
/// </summary>
public sealed class DeploymentSession(LedgerDatabase database, DeploymentLedger ledger, string environment, string startedBy, ILogger logger)
    : IAsyncDisposable
{
    private EnvironmentLock? _lock;

    /// <summary>The environment this session deploys to.</summary>
    public string Environment => environment;

    /// <summary>Takes the environment for this run; a second run fails at once, naming the holder.</summary>
    public async Task HoldEnvironmentAsync(string release, CancellationToken cancellationToken)
    {
        if (_lock is not null) return;
        _lock = await EnvironmentLock.AcquireAsync(database, environment, LockHolder.ForThisProcess(startedBy, release), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>The release's running deployment, or a new one; refuses while another release's deployment runs.</summary>
    public async Task<Deployment> BeginOrResumeAsync(string release, CancellationToken cancellationToken)
    {
        await HoldEnvironmentAsync(release, cancellationToken).ConfigureAwait(false);
        var active = await ledger.GetActiveDeploymentAsync(environment, cancellationToken).ConfigureAwait(false);
        if (active is not null && active.Release == release)
        {
            logger.Information("Resuming deployment {DeploymentId} of {Release} to {Environment}", active.Id, release, environment);
            return active;
        }
        if (active is not null)
            throw new InvalidOperationException(
                $"Deployment {active.Id} of {active.Release} is still running in {environment} (started by {active.StartedBy} on {active.Host} at {active.StartedAt:u}). " +
                $"Finish it (./build.sh Deploy --version {active.Release}) or roll it back (./build.sh Rollback) before deploying {release}.");
        var deployment = await ledger.StartDeploymentAsync(new DeploymentStart(environment, release, startedBy, System.Environment.MachineName), cancellationToken)
            .ConfigureAwait(false);
        logger.Information("Started deployment {DeploymentId} of {Release} to {Environment} (previous release {Previous})",
            deployment.Id, release, environment, deployment.PreviousRelease ?? "none");
        return deployment;
    }

    /// <summary>Why <paramref name="phase"/> need not run for <paramref name="release"/>, or null when it must.</summary>
    public async Task<string?> SkipReasonAsync(string release, string phase, CancellationToken cancellationToken) =>
        await ledger.FindCompletedPhaseAsync(environment, release, phase, cancellationToken).ConfigureAwait(false) is { } id
            ? $"already completed in deployment {id}"
            : null;

    /// <summary>Releases the environment.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_lock is not null) await _lock.DisposeAsync().ConfigureAwait(false);
        _lock = null;
    }
}
