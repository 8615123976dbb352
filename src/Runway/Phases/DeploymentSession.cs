using Runway.Environments.Local;
using Runway.Ledger;
using Serilog;

namespace Runway.Phases;

/// <summary>
/// The deployment a run works on: it takes the environment's lock for the whole run (before anything is written),
/// then resumes the release's running deployment (a staged CI job, or a rerun after a crash) or starts a new one.
/// While it holds the lock, the lock is watched, its fence goes with every ledger write and router change, and a
/// local router holds the run's traffic under a lease that returns it to the stable release if the run dies.
/// </summary>
public sealed class DeploymentSession(
    LedgerDatabase database, DeploymentLedger ledger, string environment, string startedBy, ILogger logger, RouterClient? router = null, TimeSpan? trafficLease = null)
    : IAsyncDisposable
{
    private EnvironmentLock? _lock;
    private TrafficLease? _lease;
    private TimeSpan? _leaseDuration = trafficLease;
    private long? _deploymentId; // the deployment this run began or resumed: said once, not at every phase
    private bool _saidNoStableRelease;

    /// <summary>The exact parameter values of this run (secrets masked), recorded when it starts a deployment.</summary>
    public IReadOnlyDictionary<string, string?>? RunParameters { get; init; }

    /// <summary>The environment this session deploys to.</summary>
    public string Environment => environment;

    /// <summary>Cancelled the moment this run's lock is found lost: everything the run does must stop.</summary>
    public CancellationToken LockLost => _lock?.Lost ?? CancellationToken.None;

    /// <summary>True once this run knows it lost the lock.</summary>
    public bool IsLockLost => _lock?.Fence.IsLost ?? false;

    /// <summary>Takes the environment for this run; a second run fails at once, naming the holder.</summary>
    public async Task HoldEnvironmentAsync(string release, CancellationToken cancellationToken)
    {
        if (_lock is not null) return;
        if (await FindOrphanAsync(cancellationToken).ConfigureAwait(false) is { } orphan)
            logger.Warning("{Orphan}", orphan.Describe());
        _lock = await EnvironmentLock.AcquireAsync(database, environment, LockHolder.ForThisProcess(startedBy, release), cancellationToken)
            .ConfigureAwait(false);
        if (router is not null) router.Fence = _lock.Fence.Token;
    }

    /// <summary>Throws <see cref="LockLostException"/> unless this run still holds the environment; before every step and traffic change.</summary>
    public Task EnsureHeldAsync(CancellationToken cancellationToken) =>
        _lock?.EnsureHeldAsync(cancellationToken)
        ?? throw new InvalidOperationException($"This run does not hold environment '{environment}': take it before changing anything.");

    /// <summary>The refusal to show once the lock is lost.</summary>
    public LockLostException LockLostError(Exception? cause = null) =>
        _lock?.Fence.Lost(cause) ?? new LockLostException(environment, 0, "it was never taken", cause);

    /// <summary>
    /// Puts the run's traffic changes under the router's lease, naming <paramref name="stable"/> as where traffic goes
    /// if the run stops renewing it. No-op when the environment's router offers no lease, or nothing is stable yet.
    /// </summary>
    public async Task LeaseTrafficAsync(string? stable, CancellationToken cancellationToken)
    {
        if (_lease is not null || _lock is null || _leaseDuration is not { } duration || duration <= TimeSpan.Zero) return;
        if (router is null)
        {
            logger.Information("No traffic lease: {Environment}'s router offers none, so a killed run's traffic stays as it was until ./build.sh Rollback", environment);
            _leaseDuration = null; // said once
            return;
        }
        if (stable is null)
        {
            if (!_saidNoStableRelease) logger.Information("No traffic lease: {Environment} has no stable release to return to", environment);
            _saidNoStableRelease = true;
            return;
        }
        var lease = new TrafficLease(router, _lock.Fence, stable, duration, logger);
        try
        {
            await lease.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            // No router runs (after Down): no traffic to protect yet, and no lease to release. The phase that starts it asks again.
            logger.Information("No traffic lease yet: the router of {Environment} does not answer ({Reason})", environment, ex.Message);
            return;
        }
        _lease = lease;
    }

    /// <summary>
    /// The environment's deployment left Running by a run that no longer holds the lock (killed, or its lock lost),
    /// or null. A run that ends on purpose (paused at a gate, or a staged CI job) removes its holder record, so a
    /// deployment waiting for its next run is not an orphan; a recorded holder without the lock is.
    /// </summary>
    public async Task<OrphanedRun?> FindOrphanAsync(CancellationToken cancellationToken)
    {
        if (await ledger.GetActiveDeploymentAsync(environment, cancellationToken).ConfigureAwait(false) is not { } active) return null;
        if (await EnvironmentLock.GetHolderAsync(database, environment, cancellationToken).ConfigureAwait(false) is not { } holder) return null;
        if (await EnvironmentLock.IsHeldAsync(database, environment, cancellationToken).ConfigureAwait(false)) return null;
        return new OrphanedRun(active, holder);
    }

    /// <summary>The release's running deployment, or a new one; refuses while another release's deployment runs.</summary>
    public async Task<Deployment> BeginOrResumeAsync(string release, CancellationToken cancellationToken)
    {
        await HoldEnvironmentAsync(release, cancellationToken).ConfigureAwait(false);
        var active = await ledger.GetActiveDeploymentAsync(environment, cancellationToken).ConfigureAwait(false);
        if (active is not null && active.Release == release)
        {
            if (active.Id != _deploymentId) logger.Information("Resuming deployment {DeploymentId} of {Release} to {Environment}", active.Id, release, environment);
            _deploymentId = active.Id;
            return active;
        }
        if (active is not null)
            throw new InvalidOperationException(
                $"Deployment {active.Id} of {active.Release} is still running in {environment} (started by {active.StartedBy} on {active.Host} at {active.StartedAt:u}). " +
                $"Finish it (./build.sh Deploy --version {active.Release}) or roll it back (./build.sh Rollback) before deploying {release}.");
        var deployment = await ledger.StartDeploymentAsync(new DeploymentStart(environment, release, startedBy, System.Environment.MachineName) { Parameters = RunParameters }, cancellationToken)
            .ConfigureAwait(false);
        logger.Information("Started deployment {DeploymentId} of {Release} to {Environment} (previous release {Previous})",
            deployment.Id, release, environment, deployment.PreviousRelease ?? "none");
        _deploymentId = deployment.Id;
        return deployment;
    }

    /// <summary>Why <paramref name="phase"/> need not run for <paramref name="release"/>, or null when it must.</summary>
    public async Task<string?> SkipReasonAsync(string release, string phase, CancellationToken cancellationToken) =>
        await ledger.FindCompletedPhaseAsync(environment, release, phase, cancellationToken).ConfigureAwait(false) is { } id
            ? $"already completed in deployment {id}"
            : null;

    /// <summary>Ends the lease (the run stopped on purpose: traffic stays as it is) and releases the environment.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_lease is not null) await _lease.DisposeAsync().ConfigureAwait(false);
        _lease = null;
        if (_lock is not null) await _lock.DisposeAsync().ConfigureAwait(false);
        _lock = null;
    }
}

/// <summary>A deployment left Running by a run that no longer holds the environment (killed, or its lock lost).</summary>
public sealed record OrphanedRun(Deployment Deployment, EnvironmentHolder? LastHolder)
{
    /// <summary>One line for logs and Status.</summary>
    public string Describe() =>
        $"Deployment {Deployment.Id} of {Deployment.Release} is orphaned: it is Running, but its run " +
        (LastHolder is { } h ? $"({h.Holder.By} on {h.Holder.Host}, pid {h.Holder.ProcessId}) " : "") +
        $"no longer holds environment '{Deployment.Environment}' (killed, or it lost its lock). " +
        $"Resume it with ./build.sh Deploy --version {Deployment.Release}, or take it back with ./build.sh Rollback.";
}
