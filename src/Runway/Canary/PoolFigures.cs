namespace Runway.Canary;

/// <summary>What one pool did during the analysed window.</summary>
/// <param name="Release">The pool's release.</param>
/// <param name="Requests">Requests answered in the window.</param>
/// <param name="Errors">Of which answered with status 500 or more.</param>
/// <param name="MedianLatencySeconds">Median latency, as the representative value of the median's histogram bucket; null without observations.</param>
public sealed record PoolFigures(string Release, double Requests, double Errors, double? MedianLatencySeconds)
{
    /// <summary>Errors divided by requests; 0 without requests.</summary>
    public double ErrorRate => Requests > 0 ? Errors / Requests : 0;
}
