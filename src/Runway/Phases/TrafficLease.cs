using Runway.Environments.Local;
using Runway.Ledger;
using Serilog;

namespace Runway.Phases;

/// <summary>
/// The run's lease on the local router's traffic: renewed every third of its duration while the run lives and holds
/// its lock. A run killed with SIGKILL stops renewing, and the router returns all traffic to <c>stable</c> once the
/// lease lapses. A run that lost its lock stops renewing at once (it changes nothing more); a run that ends on purpose
/// releases the lease, leaving traffic as it is.
/// </summary>
public sealed class TrafficLease(RouterClient router, LedgerFence fence, string stable, TimeSpan duration, ILogger logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _renewal = Task.CompletedTask;

    /// <summary>Takes the lease (fails when the router refuses this run's fence) and starts renewing it.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await router.RenewLeaseAsync(fence.Token, stable, duration, cancellationToken).ConfigureAwait(false);
        logger.Information("Traffic lease taken on the router for {Duration} (fence {Fence}): if this run dies, traffic returns to {Stable}",
            duration, fence.Token, stable);
        _renewal = Task.Run(RenewAsync);
    }

    /// <summary>Stops renewing; releases the lease unless the lock was lost (a lost run changes nothing more).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _renewal.ConfigureAwait(false);
        _stop.Dispose();
        if (fence.IsLost) return;
        try
        {
            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await router.ReleaseLeaseAsync(fence.Token, bounded.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or OperationCanceledException)
        {
            logger.Warning("Could not release the traffic lease ({Reason}); it lapses by itself and traffic returns to {Stable}", ex.Message, stable);
        }
    }

    private async Task RenewAsync()
    {
        var every = duration / 3;
        try
        {
            while (!fence.IsLost)
            {
                await Task.Delay(every, _stop.Token).ConfigureAwait(false);
                if (fence.IsLost) return;
                await TryRenewAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The run ended its lease.
        }
    }

    private async Task TryRenewAsync()
    {
        try
        {
            await router.RenewLeaseAsync(fence.Token, stable, duration, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException || (ex is OperationCanceledException && !_stop.IsCancellationRequested))
        {
            logger.Warning("Could not renew the traffic lease: {Reason}", ex.Message);
        }
    }
}
