namespace Runway.Canary;

/// <summary>
/// Quantiles of a cumulative histogram interpolated linearly within the bucket that holds them, exactly as
/// Prometheus's <c>histogram_quantile</c> does: the first bucket starts at 0, a quantile in the +Inf bucket is the
/// highest finite bound, and no observations means no quantile.
/// </summary>
public static class HistogramQuantile
{
    /// <summary>The <paramref name="q"/>-quantile (0 ≤ q ≤ 1) of cumulative buckets in ascending bound order; null without observations.</summary>
    public static double? Of(IReadOnlyList<LatencyBucket> buckets, double q)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        if (buckets.Count < 2 || !double.IsPositiveInfinity(buckets[^1].UpperBound)) return null;
        var cumulative = Monotonic(buckets);
        var observations = cumulative[^1];
        if (observations <= 0) return null;
        var rank = q * observations;
        var b = 0;
        while (b < cumulative.Length - 1 && cumulative[b] < rank) b++;
        if (b == buckets.Count - 1) return buckets[^2].UpperBound;
        if (b == 0 && buckets[0].UpperBound <= 0) return buckets[0].UpperBound;
        var start = b == 0 ? 0 : buckets[b - 1].UpperBound;
        var below = b == 0 ? 0 : cumulative[b - 1];
        var count = cumulative[b] - below;
        return count <= 0 ? start : start + ((buckets[b].UpperBound - start) * ((rank - below) / count));
    }

    // Prometheus repairs buckets that are not monotonic (a scrape between two bucket updates) by carrying the maximum.
    private static double[] Monotonic(IReadOnlyList<LatencyBucket> buckets)
    {
        var counts = new double[buckets.Count];
        var max = 0d;
        for (var i = 0; i < buckets.Count; i++) counts[i] = max = Math.Max(max, buckets[i].CumulativeCount);
        return counts;
    }
}
