using System.Collections.Concurrent;

namespace Runway.Router.Routing;

/// <summary>
/// The table in force. Readers take the current snapshot with one volatile read; a replacement swaps in a new snapshot
/// with one interlocked exchange, so a weight change never blocks or drops a request.
/// </summary>
public sealed class LiveRoutes
{
    private readonly ConcurrentDictionary<string, DestinationState> _destinations = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private RoutingSnapshot _current;

    /// <summary>Starts with <paramref name="initial"/> in force.</summary>
    public LiveRoutes(RouteTable initial, TimeProvider time)
    {
        _time = time;
        _current = Compile(initial);
    }

    /// <summary>The table in force.</summary>
    public RouteTable Current => Volatile.Read(ref _current).Table;

    /// <summary>
    /// Picks a pool by weight and a destination in it, counting the request in flight; false when no pool takes traffic.
    /// </summary>
    public bool TryAcquire(out DestinationLease lease)
    {
        while (true)
        {
            var snapshot = Volatile.Read(ref _current);
            if (snapshot.PickPool() is not { } pool)
            {
                lease = default;
                return false;
            }

            var destination = pool.PickDestination();
            destination.Enter();
            // Re-check after counting: if a swap happened in between, the drain may already have looked at this
            // destination's counter, so pick again from the new table instead of sneaking past the drain.
            if (ReferenceEquals(snapshot, Volatile.Read(ref _current)))
            {
                lease = new DestinationLease(pool.Release, destination);
                return true;
            }

            destination.Leave();
        }
    }

    /// <summary>Puts <paramref name="table"/> in force and returns the table it replaced.</summary>
    public RouteTable Replace(RouteTable table) => Interlocked.Exchange(ref _current, Compile(table)).Table;

    /// <summary>Waits until requests to <paramref name="removed"/> finish, or <paramref name="timeout"/> passes.</summary>
    public async Task<DrainResult> DrainAsync(IReadOnlyList<string> removed, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var remaining = InFlight(removed);
        while (remaining > 0 && _time.GetElapsedTime(started) < timeout)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), _time, cancellationToken);
            remaining = InFlight(removed);
        }

        return new DrainResult(remaining == 0, remaining, (long)_time.GetElapsedTime(started).TotalMilliseconds, removed);
    }

    private int InFlight(IReadOnlyList<string> urls) => urls.Sum(url => _destinations.TryGetValue(url, out var state) ? state.InFlight : 0);

    private RoutingSnapshot Compile(RouteTable table) =>
        new(table, url => _destinations.GetOrAdd(url, static (key, time) => new DestinationState(key, time), _time));
}
