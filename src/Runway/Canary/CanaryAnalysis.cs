namespace Runway.Canary;

/// <summary>
/// Compares what a canary pool and a baseline pool did over the same window: an exact conditional test on the
/// canary's share of the errors and a one-sided Mann-Whitney U test on latencies, each z held against the look's
/// sequential boundary and to a practical threshold, so that a significant but negligible difference does not fail a
/// release.
/// </summary>
public sealed class CanaryAnalysis
{
    private readonly CanaryOptions _options;

    /// <summary>Creates an analysis with validated options.</summary>
    public CanaryAnalysis(CanaryOptions options) => _options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();

    /// <summary>True when both pools have the requests a verdict needs (no α is spent on a look without them).</summary>
    public bool Judgeable(PoolCounters baseline, PoolCounters canary) =>
        Math.Min(baseline.Requests, canary.Requests) >= _options.MinRequestsPerPool;

    /// <summary>Judges the canary once, as a single fixed-sample test at α (no sequential looks).</summary>
    public CanaryAnalysisResult Analyze(string baselineRelease, PoolCounters baseline, string canaryRelease, PoolCounters canary) =>
        Analyze(baselineRelease, baseline, canaryRelease, canary, NormalDistribution.UpperQuantile(_options.Alpha));

    /// <summary>Judges the canary on the counts of the window (deltas, not cumulative totals) against a look's <paramref name="boundary"/> (z scale).</summary>
    public CanaryAnalysisResult Analyze(string baselineRelease, PoolCounters baseline, string canaryRelease, PoolCounters canary, double boundary)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(canary);
        var histogram = LatencyHistogram.Align(baseline.Latency, canary.Latency);
        var baselineFigures = PoolFigures.Of(baselineRelease, baseline);
        var canaryFigures = PoolFigures.Of(canaryRelease, canary);
        var errorTest = ExactErrorTest.Greater(baseline.Errors, baseline.Requests, canary.Errors, canary.Requests);
        var latencyTest = MannWhitneyTest.GreaterByCounts(histogram.BaselineCounts, histogram.CanaryCounts);
        var ratio = baselineFigures.MedianLatencySeconds is > 0 && canaryFigures.MedianLatencySeconds is { } canaryMedian
            ? canaryMedian / baselineFigures.MedianLatencySeconds.Value
            : (double?)null;
        var (verdict, reason) = Judge(baselineFigures, canaryFigures, errorTest, latencyTest, ratio, boundary);
        return new CanaryAnalysisResult(verdict, reason, baselineFigures, canaryFigures, errorTest, latencyTest, ratio, _options) { Boundary = boundary };
    }

    private (CanaryVerdict, string) Judge(PoolFigures baseline, PoolFigures canary, ZTestResult errors, MannWhitneyResult latency, double? ratio, double boundary)
    {
        if (Math.Min(baseline.Requests, canary.Requests) < _options.MinRequestsPerPool)
        {
            return (CanaryVerdict.Inconclusive,
                $"Too little traffic to judge: {baseline.Requests:0} baseline and {canary.Requests:0} canary requests, at least {_options.MinRequestsPerPool} needed in each pool. Send more traffic or bake longer.");
        }

        var increase = canary.ErrorRate - baseline.ErrorRate;
        if (errors.Z >= boundary && increase >= _options.MaxErrorRateIncrease)
        {
            return (CanaryVerdict.Fail,
                $"Canary error rate {canary.ErrorRate:P2} is significantly above baseline {baseline.ErrorRate:P2} (z = {errors.Z:F2} ≥ boundary {boundary:F2}, increase {increase:P2} ≥ allowed {_options.MaxErrorRateIncrease:P2}).");
        }

        if (latency.Z >= boundary && ratio >= _options.MaxLatencyIncreaseRatio)
        {
            return (CanaryVerdict.Fail,
                $"Canary latency is significantly above baseline (z = {latency.Z:F2} ≥ boundary {boundary:F2}, median {Milliseconds(canary.MedianLatencySeconds)} vs {Milliseconds(baseline.MedianLatencySeconds)}, ratio {ratio:F2} ≥ allowed {_options.MaxLatencyIncreaseRatio:F2}).");
        }

        return (CanaryVerdict.Pass,
            $"Canary is not materially worse: error rate {canary.ErrorRate:P2} vs {baseline.ErrorRate:P2} (z = {errors.Z:F2}), median {Milliseconds(canary.MedianLatencySeconds)} vs {Milliseconds(baseline.MedianLatencySeconds)} (z = {latency.Z:F2}), boundary {boundary:F2}.");
    }

    private static string Milliseconds(double? seconds) => seconds is { } s ? $"{s * 1000:0.#} ms" : "n/a";
}
