namespace Runway.Router.Routing;

/// <summary>A pool of one table generation: its release and destinations, spread round robin, skipping ejected ones.</summary>
internal sealed class PoolSnapshot(string release, IReadOnlyList<DestinationState> destinations)
{
    private int _next = -1;

    public string Release { get; } = release;

    public IReadOnlyList<DestinationState> Destinations { get; } = destinations;

    public DestinationState PickDestination()
    {
        var start = Interlocked.Increment(ref _next) & int.MaxValue;
        for (var offset = 0; offset < Destinations.Count; offset++)
        {
            var candidate = Destinations[(start + offset) % Destinations.Count];
            if (candidate.IsHealthy)
            {
                return candidate;
            }
        }

        // Every destination is ejected: try one anyway rather than refuse, the ejection may be stale.
        return Destinations[start % Destinations.Count];
    }
}
