namespace Runway.Router.Routing;

/// <summary>A request's hold on a destination: counted in flight until disposed.</summary>
public readonly struct DestinationLease : IDisposable
{
    private readonly DestinationState? _destination;

    internal DestinationLease(string release, DestinationState destination)
    {
        Release = release;
        _destination = destination;
    }

    /// <summary>The release pool the request was sent to.</summary>
    public string Release { get; }

    /// <summary>The destination the request goes to.</summary>
    public DestinationState Destination => _destination ?? throw new InvalidOperationException("An empty lease has no destination.");

    /// <summary>Stops counting the request as in flight.</summary>
    public void Dispose() => _destination?.Leave();
}
