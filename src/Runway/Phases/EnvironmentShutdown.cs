using Runway.Environments;
using Runway.Ledger;

namespace Runway.Phases;

/// <summary>
/// Down, done carefully: refused while a run holds the environment (stopping its cluster and pools under it would
/// wreck the deployment), and while the ledger shows an orphaned deployment unless forced; forcing first takes the
/// lock, so it never runs under a live run either.
/// </summary>
/// <param name="environment">The environment's name.</param>
/// <param name="ledger">The ledger, where the environment's lock lives.</param>
/// <param name="session">Finds an orphaned deployment, and takes the lock for <c>--force</c>.</param>
/// <param name="topology">Stops what it started.</param>
/// <param name="force">Stop under an orphaned deployment too (<c>--force</c>).</param>
/// <param name="logger">The run's log.</param>
public sealed class EnvironmentShutdown(string environment, LedgerDatabase ledger, DeploymentSession session, Topology topology, bool force, Serilog.ILogger logger)
{
    /// <summary>Stops what the topology started, or refuses with the reason and what to do instead.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (await EnvironmentLock.IsHeldAsync(ledger, environment, cancellationToken).ConfigureAwait(false))
            throw Refusal(await EnvironmentLock.GetHolderAsync(ledger, environment, cancellationToken).ConfigureAwait(false));
        if (await session.FindOrphanAsync(cancellationToken).ConfigureAwait(false) is { } orphan)
        {
            if (!force)
                throw new InvalidOperationException($"Down refused: {orphan.Describe()} Down would stop its pools under it; pass --force to stop everything anyway.");
            // Taking the lock proves no live run holds it; it is let go before the cluster (where it lives) stops.
            await session.HoldEnvironmentAsync("(down --force)", cancellationToken).ConfigureAwait(false);
            await session.DisposeAsync().ConfigureAwait(false);
            logger.Warning("Down --force: stopping environment {Environment} under orphaned deployment {DeploymentId}", environment, orphan.Deployment.Id);
        }
        await topology.Down(cancellationToken).ConfigureAwait(false);
    }

    private InvalidOperationException Refusal(EnvironmentHolder? holder) => new(
        $"Down refused: environment '{environment}' is held by " +
        (holder is null ? "a run" : $"{holder.Holder.By} on {holder.Holder.Host} (pid {holder.Holder.ProcessId}) deploying release {holder.Holder.Release} since {holder.Since:u}") +
        ". Stopping it now would pull the cluster and pools from under that deployment. Let it finish, or stop it " +
        "(Ctrl+C or SIGTERM returns its traffic to the previous release), then run Down again.");
}
