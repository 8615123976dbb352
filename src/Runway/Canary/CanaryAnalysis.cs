namespace Runway.Canary;

/// <summary>
/// Compares what a canary pool and a baseline pool did over the same window, as Kayenta does: a one-sided
/// two-proportion z-test on error rates and a one-sided Mann-Whitney U test on latencies, each also held to a
/// practical threshold so that a statistically significant but negligible difference does not fail a release.
/// </summary>
public sealed class CanaryAnalysis
{
    private readonly CanaryOptions _options;

    /// <summary>Creates an analysis with validated options.</summary>
    public CanaryAnalysis(CanaryOptions options) => _options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();

    /// <summary>Judges the canary on the counts each pool gathered during the window (deltas, not cumulative totals).</summary>
    public CanaryAnalysisResult Analyze(string baselineRelease, PoolCounters baseline, string canaryRelease, PoolCounters canary)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(canary);
        var histogram = LatencyHistogram.Align(baseline.Latency, canary.Latency);
        var baselineFigures = new PoolFigures(baselineRelease, baseline.Requests, baseline.Errors, histogram.Median(histogram.BaselineCounts));
        var canaryFigures = new PoolFigures(canaryRelease, canary.Requests, canary.Errors, histogram.Median(histogram.CanaryCounts));
        var errorTest = TwoProportionZTest.Greater(baseline.Errors, baseline.Requests, canary.Errors, canary.Requests);
        var latencyTest = MannWhitneyTest.GreaterByCounts(histogram.BaselineCounts, histogram.CanaryCounts);
        var ratio = baselineFigures.MedianLatencySeconds is > 0 && canaryFigures.MedianLatencySeconds is { } canaryMedian
            ? canaryMedian / baselineFigures.MedianLatencySeconds.Value
            : (double?)null;
        var (verdict, reason) = Judge(baselineFigures, canaryFigures, errorTest, latencyTest, ratio);
        return new CanaryAnalysisResult(verdict, reason, baselineFigures, canaryFigures, errorTest, latencyTest, ratio, _options);
    }

    private static double SlowerBy(PoolFigures baseline, PoolFigures canary) =>
        (canary.MedianLatencySeconds ?? 0) - (baseline.MedianLatencySeconds ?? 0);

    private (CanaryVerdict, string) Judge(PoolFigures baseline, PoolFigures canary, ZTestResult errors, MannWhitneyResult latency, double? ratio)
    {
        var fewest = Math.Min(baseline.Requests, canary.Requests);
        if (fewest < _options.MinRequestsPerPool)
        {
            return (CanaryVerdict.Inconclusive,
                $"Too little traffic to judge: {baseline.Requests} baseline and {canary.Requests} canary requests, at least {_options.MinRequestsPerPool} needed in each pool. Send more traffic or bake longer.");
        }

        var increase = canary.ErrorRate - baseline.ErrorRate;
        if (errors.PValue < _options.Alpha && increase >= _options.MaxErrorRateIncrease)
        {
            return (CanaryVerdict.Fail,
                $"Canary error rate {canary.ErrorRate:P2} is significantly above baseline {baseline.ErrorRate:P2} (p = {errors.PValue:G3}, increase {increase:P2} ≥ allowed {_options.MaxErrorRateIncrease:P2}).");
        }

        if (latency.PValue < _options.Alpha && ratio >= _options.MaxLatencyIncreaseRatio && SlowerBy(baseline, canary) >= _options.MinLatencyIncrease.TotalSeconds)
        {
            return (CanaryVerdict.Fail,
                $"Canary latency is significantly above baseline (p = {latency.PValue:G3}, median {canary.MedianLatencySeconds:G3}s vs {baseline.MedianLatencySeconds:G3}s, ratio {ratio:G3} ≥ allowed {_options.MaxLatencyIncreaseRatio:G3}).");
        }

        return (CanaryVerdict.Pass,
            $"Canary is not materially worse: error rate {canary.ErrorRate:P2} vs {baseline.ErrorRate:P2} (p = {errors.PValue:G3}), latency p = {latency.PValue:G3}.");
    }
}
