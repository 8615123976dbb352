using Runway.Ledger;

namespace Runway.Phases;

/// <summary>
/// Down, done carefully: refused while a run holds the environment (stopping its cluster and pools under it would
/// wreck the deployment), and while the ledger shows an orphaned deployment unless forced; forcing first takes the
/// lock, so it never runs under a live run either.
/// </summary>
public sealed class EnvironmentShutdown(DeploymentServices services, bool force)
{
    /// <summary>Stops what the topology started, or refuses with the reason and what to do instead.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var environment = services.Settings.Environment;
        if (await EnvironmentLock.IsHeldAsync(services.LedgerDatabase, environment, cancellationToken).ConfigureAwait(false))
            throw Refusal(await EnvironmentLock.GetHolderAsync(services.LedgerDatabase, environment, cancellationToken).ConfigureAwait(false));
        if (await services.Session.FindOrphanAsync(cancellationToken).ConfigureAwait(false) is { } orphan)
        {
            if (!force)
                throw new InvalidOperationException($"Down refused: {orphan.Describe()} Down would stop its pools under it; pass --force to stop everything anyway.");
            // Taking the lock proves no live run holds it; it is let go before the cluster (where it lives) stops.
            await services.Session.HoldEnvironmentAsync("(down --force)", cancellationToken).ConfigureAwait(false);
            await services.Session.DisposeAsync().ConfigureAwait(false);
            services.Logger.Warning("Down --force: stopping environment {Environment} under orphaned deployment {DeploymentId}", environment, orphan.Deployment.Id);
        }
        await services.Topology.Down(cancellationToken).ConfigureAwait(false);
    }

    private InvalidOperationException Refusal(EnvironmentHolder? holder) => new(
        $"Down refused: environment '{services.Settings.Environment}' is held by " +
        (holder is null ? "a run" : $"{holder.Holder.By} on {holder.Holder.Host} (pid {holder.Holder.ProcessId}) deploying release {holder.Holder.Release} since {holder.Since:u}") +
        ". Stopping it now would pull the cluster and pools from under that deployment. Let it finish, or stop it " +
        "(Ctrl+C or SIGTERM returns its traffic to the previous release), then run Down again.");
}
