namespace Runway.Canary;

/// <summary>What one pool did during the analysed window.</summary>
/// <param name="Release">The pool's release.</param>
/// <param name="Requests">Requests answered in the window.</param>
/// <param name="Errors">Of which answered with a server error.</param>
/// <param name="MedianLatencySeconds">Median latency interpolated within its bucket (Prometheus's histogram_quantile); null without observations.</param>
/// <param name="P95LatencySeconds">The 95th percentile, interpolated the same way.</param>
/// <param name="P99LatencySeconds">The 99th percentile, interpolated the same way.</param>
public sealed record PoolFigures(
    string Release, double Requests, double Errors, double? MedianLatencySeconds, double? P95LatencySeconds = null, double? P99LatencySeconds = null)
{
    /// <summary>Errors divided by requests; 0 without requests.</summary>
    public double ErrorRate => Requests > 0 ? Errors / Requests : 0;

    /// <summary>The figures of <paramref name="counters"/>.</summary>
    public static PoolFigures Of(string release, PoolCounters counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        return new PoolFigures(release, counters.Requests, counters.Errors,
            HistogramQuantile.Of(counters.Latency, 0.5), HistogramQuantile.Of(counters.Latency, 0.95), HistogramQuantile.Of(counters.Latency, 0.99));
    }
}
