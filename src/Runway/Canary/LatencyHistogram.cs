namespace Runway.Canary;

/// <summary>
/// Two pools' latency buckets laid on the same bounds, as per-bucket counts (the ordered categories of the
/// Mann-Whitney test).
/// </summary>
internal sealed class LatencyHistogram
{
    private LatencyHistogram(IReadOnlyList<double> bounds, IReadOnlyList<double> baseline, IReadOnlyList<double> canary)
    {
        Bounds = bounds;
        BaselineCounts = baseline;
        CanaryCounts = canary;
    }

    public IReadOnlyList<double> Bounds { get; }

    public IReadOnlyList<double> BaselineCounts { get; }

    public IReadOnlyList<double> CanaryCounts { get; }

    public static LatencyHistogram Align(IReadOnlyList<LatencyBucket> baseline, IReadOnlyList<LatencyBucket> canary)
    {
        var bounds = baseline.Concat(canary).Select(b => b.UpperBound).Distinct().Order().ToList();
        return new LatencyHistogram(bounds, Counts(bounds, baseline), Counts(bounds, canary));
    }

    // A pool missing a bound has, at that bound, the cumulative count of its nearest lower bound.
    private static double[] Counts(List<double> bounds, IReadOnlyList<LatencyBucket> buckets)
    {
        var counts = new double[bounds.Count];
        var previous = 0d;
        for (var k = 0; k < bounds.Count; k++)
        {
            var cumulative = buckets.Where(b => b.UpperBound <= bounds[k]).Select(b => b.CumulativeCount).DefaultIfEmpty(0).Max();
            counts[k] = Math.Max(0, cumulative - previous);
            previous = Math.Max(previous, cumulative);
        }

        return counts;
    }
}
