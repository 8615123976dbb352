namespace Runway.Router.Routing;

/// <summary>One release pool: the share of traffic it receives (0–100) and the destinations that serve it.</summary>
public sealed record PoolRoute(string Release, int Weight, IReadOnlyList<string> Destinations);

/// <summary>The whole routing table as the admin API and the state file show it. Immutable; replaced, never edited.</summary>
public sealed record RouteTable(long Generation, IReadOnlyList<PoolRoute> Pools)
{
    /// <summary>No pools: every proxied request is answered 502.</summary>
    public static RouteTable Empty { get; } = new(0, []);

    /// <summary>Every destination URL in the table, normalised.</summary>
    public IEnumerable<string> AllDestinations() => Pools.SelectMany(p => p.Destinations);

    /// <summary>"1.0.0=90, 1.1.0=10", for log lines.</summary>
    public string Describe() => Pools.Count == 0 ? "(no pools)" : string.Join(", ", Pools.Select(p => $"{p.Release}={p.Weight}"));
}
