using Microsoft.Extensions.Hosting;
using Runway.Router.Admin;

namespace Runway.Router.Leases;

/// <summary>Checks the lease every second; when it lapses, returns all traffic to the lease's stable release and says why.</summary>
public sealed class LeaseWatch(LeaseKeeper leases, RouteSwitch routeSwitch, TimeProvider time, Serilog.ILogger logger) : BackgroundService
{
    /// <summary>How often the lease is checked: traffic returns at most this long after the lease lapses.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (leases.TakeLapsed() is not { } lapsed) continue;
            logger.Warning("Lease of fence {Fence} lapsed at {ExpiresAt:u}: the run holding the traffic stopped renewing it (killed, or lost its lock); returning all traffic to {Stable}",
                lapsed.Fence, lapsed.ExpiresAt, lapsed.Stable);
            await routeSwitch.ReturnToAsync(lapsed.Stable, stoppingToken);
        }
    }
}
