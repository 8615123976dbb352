using Runway.Canary;

namespace Runway.Bench.Canary;

/// <summary>
/// The judge Runway used before (kept here only, to compare): at every look the cumulative deltas are re-tested at
/// α = 0.05 with a pooled two-proportion z-test and a Mann-Whitney test, medians are bucket midpoints, and latency
/// needs a 1.2 ratio and 25 ms. The first failing look fails the bake.
/// </summary>
internal static class RuleV1
{
    public static (bool Failed, int Look) Bake(Trajectory trajectory, bool practical)
    {
        for (var look = 1; look < trajectory.Baseline.Length; look++)
        {
            if (Fails(Delta(trajectory.Baseline[look], trajectory.Baseline[0]), Delta(trajectory.Canary[look], trajectory.Canary[0]), practical))
                return (true, look);
        }

        return (false, 0);
    }

    // Today's CanaryAnalysis.Judge, thresholds as they were (α 0.05, +1 point, ×1.2 and 25 ms, 50 requests).
    private static bool Fails(PoolCounters baseline, PoolCounters canary, bool practical)
    {
        if (Math.Min(baseline.Requests, canary.Requests) < 50) return false;
        var errors = TwoProportionZTest.Greater(baseline.Errors, baseline.Requests, canary.Errors, canary.Requests);
        var increase = (canary.Errors / canary.Requests) - (baseline.Errors / baseline.Requests);
        if (errors.PValue < 0.05 && (!practical || increase >= 0.01)) return true;
        var b = baseline.BucketCounts();
        var c = canary.BucketCounts();
        var latency = MannWhitneyTest.GreaterByCounts(b, c);
        var (baselineMedian, canaryMedian) = (MidpointMedian(b), MidpointMedian(c));
        var ratio = baselineMedian > 0 ? canaryMedian / baselineMedian : 0;
        return latency.PValue < 0.05 && (!practical || (ratio >= 1.2 && canaryMedian - baselineMedian >= 0.025));
    }

    private static PoolCounters Delta(PoolCounters now, PoolCounters start) =>
        new(now.Requests - start.Requests, now.Errors - start.Errors,
            now.Latency.Zip(start.Latency, (a, b) => a with { CumulativeCount = a.CumulativeCount - b.CumulativeCount }).ToList());

    // The representative value of the bucket holding the median: its midpoint, twice the last finite bound for +Inf.
    private static double MidpointMedian(IReadOnlyList<double> counts)
    {
        var total = counts.Sum();
        var seen = 0d;
        for (var k = 0; k < counts.Count && total > 0; k++)
        {
            seen += counts[k];
            if (seen >= total / 2)
            {
                var lower = k == 0 ? 0 : Scenario.Bounds[k - 1];
                return double.IsPositiveInfinity(Scenario.Bounds[k]) ? 2 * lower : (lower + Scenario.Bounds[k]) / 2;
            }
        }

        return 0;
    }
}
