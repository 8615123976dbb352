namespace Runway.Router.Routing;

/// <summary>
/// The body of <c>PUT /routes</c> before validation: every field may be missing. <c>fence</c> is the fencing token of
/// the run holding the environment; a stale one is refused, none at all is an operator's change.
/// </summary>
public sealed record RouteTableRequest(IReadOnlyList<PoolRouteRequest?>? Pools, long? Fence = null);

/// <summary>One pool as sent, before validation.</summary>
public sealed record PoolRouteRequest(string? Release, int? Weight, IReadOnlyList<string?>? Destinations);
