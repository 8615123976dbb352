using System.Diagnostics;
using Runway.Ledger;

namespace Runway.Phases;

/// <summary>
/// What a cancelled run (Ctrl+C, or SIGTERM from a cancelled CI job) does before it exits: traffic back to the
/// previous release, then the deployment recorded as Aborted with the reason. Both under a fresh token bounded to
/// <see cref="Bound"/>, since the run's own token is the one that was cancelled; both only while the run holds its lock.
/// </summary>
public sealed class Cancellation(LockedEnvironment environment, DeploymentSession session, DeploymentLedger deployments, Serilog.ILogger logger)
{
    /// <summary>The most the clean-up may take.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private CancellationToken _run;
    private bool _done;

    /// <summary>True once the run was cancelled.</summary>
    public bool Requested => _run.IsCancellationRequested;

    /// <summary>Remembers the build's token, to know later whether the run was cancelled.</summary>
    public void Watch(CancellationToken runToken) => _run = runToken;

    /// <summary>Aborts <paramref name="deployment"/> if the run was cancelled and it still runs.</summary>
    public Task AbortIfCancelledAsync(Deployment deployment) => Requested ? AbortAsync(deployment, "between phases") : Task.CompletedTask;

    /// <summary>Returns traffic to the previous release and records <paramref name="deployment"/> as Aborted (once).</summary>
    public async Task AbortAsync(Deployment deployment, string phase)
    {
        if (_done || session.IsLockLost) return;
        _done = true;
        using var bounded = new CancellationTokenSource(Bound);
        var traffic = await ReturnTrafficAsync(deployment, bounded.Token).ConfigureAwait(false);
        var reason = $"{phase}: cancelled by a signal (SIGINT or SIGTERM); {traffic}";
        try
        {
            var current = await deployments.GetDeploymentAsync(deployment.Id, bounded.Token).ConfigureAwait(false);
            if (current?.State != DeploymentState.Running) return;
            await deployments.FinishDeploymentAsync(deployment.Id, DeploymentState.Aborted, reason, bounded.Token).ConfigureAwait(false);
            logger.Warning("Deployment {DeploymentId} aborted: {Reason}", deployment.Id, reason);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.Error("Could not record deployment {DeploymentId} as Aborted ({Reason}); it shows as Running until resumed or rolled back",
                deployment.Id, ex.Message);
        }
    }

    private async Task<string> ReturnTrafficAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        if (deployment.PreviousRelease is not { } previous) return "first deployment: no previous release to return traffic to";
        try
        {
            var snapshot = await environment.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (snapshot.Pool(previous) is null) return $"the previous release {previous} has no pool running, so traffic was left as it was";
            var weights = new Dictionary<string, int> { [previous] = 100 };
            if (snapshot.Pool(deployment.Release) is not null) weights[deployment.Release] = 0;
            if (snapshot.Pools.All(p => p.Weight == weights.GetValueOrDefault(p.Release))) return $"traffic was still all on {previous}";
            var started = Stopwatch.GetTimestamp();
            await environment.SetWeightsAsync(weights, snapshot, cancellationToken).ConfigureAwait(false);
            logger.Warning("Cancelled: traffic returned to {Previous} in {Milliseconds} ms", previous, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return $"traffic returned to {previous}";
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.Error("Cancelled, but could not return traffic to {Previous}: {Reason}. Run ./build.sh Rollback", previous, ex.Message);
            return $"traffic could not be returned to {previous} ({ex.Message}): run ./build.sh Rollback";
        }
    }
}
