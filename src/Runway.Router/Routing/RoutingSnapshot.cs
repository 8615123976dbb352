namespace Runway.Router.Routing;

/// <summary>
/// One immutable table generation compiled for the request path: pools with traffic, a weighted selector over them,
/// and the shared destination counters. Swapped whole, so a request sees one generation from start to end.
/// </summary>
internal sealed class RoutingSnapshot
{
    private readonly PoolSnapshot[] _pools;
    private readonly SmoothWeightedRoundRobin? _selector;

    public RoutingSnapshot(RouteTable table, Func<string, DestinationState> destination)
    {
        Table = table;
        var active = table.Pools.Where(p => p.Weight > 0).ToList();
        _pools = [.. active.Select(p => new PoolSnapshot(p.Release, [.. p.Destinations.Select(destination)]))];
        _selector = active.Count > 0 ? new SmoothWeightedRoundRobin([.. active.Select(p => p.Weight)]) : null;
    }

    public RouteTable Table { get; }

    /// <summary>The pool for the next request, or null when no pool receives traffic.</summary>
    public PoolSnapshot? PickPool() => _selector is null ? null : _pools[_selector.Next()];
}
