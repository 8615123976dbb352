namespace Runway.Router.Routing;

/// <summary>The body of <c>PUT /routes</c> before validation: every field may be missing.</summary>
public sealed record RouteTableRequest(IReadOnlyList<PoolRouteRequest?>? Pools);

/// <summary>One pool as sent, before validation.</summary>
public sealed record PoolRouteRequest(string? Release, int? Weight, IReadOnlyList<string?>? Destinations);
