namespace Runway.Router.Routing;

/// <summary>
/// A destination's live counters, shared by every table generation that lists its URL: requests in flight (what a
/// drain waits on) and passive health (three consecutive failures take it out of rotation for a few seconds).
/// </summary>
public sealed class DestinationState(string url, TimeProvider time)
{
    private const int FailuresBeforeEjection = 3;
    private static readonly TimeSpan EjectionPeriod = TimeSpan.FromSeconds(5);

    private int _inFlight;
    private int _consecutiveFailures;
    private long _ejectedUntil;

    /// <summary>The destination's base URL, e.g. <c>http://127.0.0.1:5101</c>.</summary>
    public string Url { get; } = url;

    /// <summary>Requests currently forwarded to this destination.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>False while the destination is ejected after repeated failures.</summary>
    public bool IsHealthy => time.GetUtcNow().UtcTicks >= Interlocked.Read(ref _ejectedUntil);

    internal void Enter() => Interlocked.Increment(ref _inFlight);

    internal void Leave() => Interlocked.Decrement(ref _inFlight);

    internal void ReportSuccess() => Interlocked.Exchange(ref _consecutiveFailures, 0);

    internal void ReportFailure()
    {
        if (Interlocked.Increment(ref _consecutiveFailures) >= FailuresBeforeEjection)
        {
            Interlocked.Exchange(ref _ejectedUntil, (time.GetUtcNow() + EjectionPeriod).UtcTicks);
            Interlocked.Exchange(ref _consecutiveFailures, 0);
        }
    }
}
