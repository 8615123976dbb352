namespace Runway.Router.Routing;

/// <summary>How waiting for requests to removed destinations ended.</summary>
/// <param name="Drained">True when no request to a removed destination was left in flight.</param>
/// <param name="RemainingRequests">Requests still in flight to removed destinations when the wait ended.</param>
/// <param name="WaitedMilliseconds">How long the wait took.</param>
/// <param name="RemovedDestinations">Destinations in the old table but not in the new one.</param>
public sealed record DrainResult(bool Drained, int RemainingRequests, long WaitedMilliseconds, IReadOnlyList<string> RemovedDestinations);
