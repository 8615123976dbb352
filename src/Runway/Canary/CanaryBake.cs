using Serilog;

namespace Runway.Canary;

/// <summary>
/// Bakes a canary: reads both pools' counters when it starts and at every interval, analyses the deltas since the
/// start, and stops at once on a failure. A pass needs the whole bake duration; an inconclusive end is returned as
/// such for the caller to decide (fail in CI, ask in a terminal).
/// </summary>
public sealed class CanaryBake
{
    private readonly IMetricsSource _metrics;
    private readonly CanaryOptions _options;
    private readonly CanaryAnalysis _analysis;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates a bake; the options are validated here, once.</summary>
    public CanaryBake(IMetricsSource metrics, CanaryOptions options, TimeProvider time, ILogger logger)
    {
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();
        _analysis = new CanaryAnalysis(_options);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Runs the bake and returns its result; cancelling stops it with <see cref="OperationCanceledException"/>.</summary>
    /// <exception cref="MetricsUnavailableException">A pool's metrics could not be read.</exception>
    public async Task<BakeResult> RunAsync(CanaryPool baseline, CanaryPool canary, IProgress<BakeProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(canary);
        var started = _time.GetTimestamp();
        var (baselineStart, canaryStart) = await ReadBothAsync(baseline, canary, cancellationToken);
        _logger.Information("Canary bake of {Canary} against {Baseline} started for {Duration}", canary.Release, baseline.Release, _options.BakeDuration);
        for (var interval = 1; ; interval++)
        {
            var remaining = _options.BakeDuration - _time.GetElapsedTime(started);
            await Task.Delay(Min(_options.Interval, remaining), _time, cancellationToken);
            var (baselineNow, canaryNow) = await ReadBothAsync(baseline, canary, cancellationToken);
            var result = _analysis.Analyze(baseline.Release, baselineNow.Since(baselineStart), canary.Release, canaryNow.Since(canaryStart));
            var elapsed = _time.GetElapsedTime(started);
            Report(progress, result, elapsed);
            var finished = elapsed >= _options.BakeDuration;
            if (result.Verdict == CanaryVerdict.Fail || finished)
            {
                return Finish(result, elapsed, interval, stoppedEarly: !finished);
            }
        }
    }

    private async Task<(PoolCounters Baseline, PoolCounters Canary)> ReadBothAsync(CanaryPool baseline, CanaryPool canary, CancellationToken cancellationToken)
    {
        var baselineRead = _metrics.ReadAsync(baseline, cancellationToken);
        var canaryRead = _metrics.ReadAsync(canary, cancellationToken);
        return (await baselineRead, await canaryRead);
    }

    private void Report(IProgress<BakeProgress>? progress, CanaryAnalysisResult result, TimeSpan elapsed)
    {
        var remaining = Max(TimeSpan.Zero, _options.BakeDuration - elapsed);
        _logger.Information(
            "Canary bake {Remaining} left: baseline {BaselineRequests} requests at {BaselineErrorRate:P2} errors, canary {CanaryRequests} at {CanaryErrorRate:P2}, so far {Verdict}",
            remaining, result.Baseline.Requests, result.Baseline.ErrorRate, result.Canary.Requests, result.Canary.ErrorRate, result.Verdict);
        progress?.Report(new BakeProgress(
            elapsed, remaining, result.Baseline.Requests, result.Canary.Requests, result.Baseline.ErrorRate, result.Canary.ErrorRate, result.Verdict));
    }

    private BakeResult Finish(CanaryAnalysisResult result, TimeSpan elapsed, int intervals, bool stoppedEarly)
    {
        _logger.Information("Canary bake ended {Verdict} after {Elapsed}: {Reason}", result.Verdict, elapsed, result.Reason);
        return new BakeResult(result, elapsed, intervals, stoppedEarly);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
