namespace Runway.Canary;

/// <summary>
/// Cumulative counters of a pool at one moment, summed over its instances: requests, server errors (status 500 and up)
/// and the latency histogram, all for the routes the metrics source was told to watch.
/// </summary>
/// <param name="Requests">Requests answered.</param>
/// <param name="Errors">Requests answered with a status of 500 or more.</param>
/// <param name="Latency">Cumulative latency buckets in ascending bound order, the last one +Inf.</param>
public sealed record PoolCounters(double Requests, double Errors, IReadOnlyList<LatencyBucket> Latency)
{
    /// <summary>Counters with nothing counted yet.</summary>
    public static PoolCounters Empty { get; } = new(0, 0, []);

    /// <summary>
    /// The counts since <paramref name="start"/>. A counter that went down (an instance restarted) counts from zero,
    /// which undercounts rather than inventing negative traffic.
    /// </summary>
    public PoolCounters Since(PoolCounters start)
    {
        ArgumentNullException.ThrowIfNull(start);
        var before = start.Latency.ToDictionary(bucket => bucket.UpperBound, bucket => bucket.CumulativeCount);
        var latency = Latency
            .Select(bucket => bucket with { CumulativeCount = Delta(bucket.CumulativeCount, before.GetValueOrDefault(bucket.UpperBound)) })
            .ToList();
        return new PoolCounters(Delta(Requests, start.Requests), Delta(Errors, start.Errors), latency);
    }

    /// <summary>How many observations fell in each bucket (not cumulative), in bucket order.</summary>
    public IReadOnlyList<double> BucketCounts()
    {
        var counts = new double[Latency.Count];
        var previous = 0d;
        for (var i = 0; i < Latency.Count; i++)
        {
            counts[i] = Math.Max(0, Latency[i].CumulativeCount - previous);
            previous = Math.Max(previous, Latency[i].CumulativeCount);
        }

        return counts;
    }

    private static double Delta(double now, double then) => now >= then ? now - then : now;
}
