namespace Runway.Canary;

/// <summary>
/// Cumulative counters of a pool at one moment, summed over its instances: requests, server errors and the latency
/// histogram, all for the routes the metrics source was told to watch. A source that reads instances one by one also
/// gives the <see cref="Series"/> they were summed from, so that deltas are taken per series (restarts neither add
/// nor lose requests).
/// </summary>
/// <param name="Requests">Requests answered.</param>
/// <param name="Errors">Requests answered with a server error.</param>
/// <param name="Latency">Cumulative latency buckets in ascending bound order, the last one +Inf.</param>
public sealed record PoolCounters(double Requests, double Errors, IReadOnlyList<LatencyBucket> Latency)
{
    /// <summary>Counters with nothing counted yet.</summary>
    public static PoolCounters Empty { get; } = new(0, 0, []);

    /// <summary>The per-instance series behind the totals; empty when the source only knows pool totals.</summary>
    public IReadOnlyList<CounterSeries> Series { get; init; } = [];

    /// <summary>The series to take deltas on: <see cref="Series"/>, or the totals as one pool-level instance.</summary>
    public IReadOnlyList<CounterSeries> SeriesOrTotals() => Series.Count > 0
        ? Series
        :
        [
            new CounterSeries("", "", SeriesKind.Requests, 0, Requests),
            new CounterSeries("", "", SeriesKind.Errors, 0, Errors),
            .. Latency.Select(bucket => new CounterSeries("", "", SeriesKind.Bucket, bucket.UpperBound, bucket.CumulativeCount)),
        ];

    /// <summary>Sums series into pool counters.</summary>
    public static PoolCounters Sum(IEnumerable<CounterSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        double requests = 0, errors = 0;
        var buckets = new SortedDictionary<double, double>();
        foreach (var one in series)
        {
            switch (one.Kind)
            {
                case SeriesKind.Requests: requests += one.Value; break;
                case SeriesKind.Errors: errors += one.Value; break;
                default: buckets[one.Bound] = buckets.GetValueOrDefault(one.Bound) + one.Value; break;
            }
        }

        return new PoolCounters(requests, errors, buckets.Select(b => new LatencyBucket(b.Key, b.Value)).ToList());
    }

    /// <summary>
    /// The counts since <paramref name="start"/>, per series with Prometheus's <c>increase</c> rule (a counter that
    /// went down was reset and counts from zero), then summed.
    /// </summary>
    public PoolCounters Since(PoolCounters start)
    {
        ArgumentNullException.ThrowIfNull(start);
        var window = new CounterWindow();
        window.Add(start);
        window.Add(this);
        return window.Totals();
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
}
