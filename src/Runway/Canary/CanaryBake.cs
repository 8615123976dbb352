using Serilog;
using Serilog.Events;

namespace Runway.Canary;

/// <summary>
/// Bakes a canary: reads both pools' counters when it starts and at every interval, accumulates per-series increases,
/// and at each look holds the canary's z against a group-sequential boundary (α spent by information fraction), so
/// that watching continuously does not inflate the false-positive rate. It stops at once on a failure; a canary whose
/// instances restart fails; an unreadable pool is a measurement error, which ends the bake only after several in a
/// row. A pass needs the whole bake duration; an inconclusive end is returned as such for the caller to decide.
/// </summary>
public sealed class CanaryBake
{
    private readonly IMetricsSource _metrics;
    private readonly CanaryOptions _options;
    private readonly CanaryAnalysis _analysis;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly BoundaryCache? _boundaries;

    /// <summary>Creates a bake; the options are validated here, once. <paramref name="boundaries"/> shares boundaries between bakes.</summary>
    public CanaryBake(IMetricsSource metrics, CanaryOptions options, TimeProvider time, ILogger logger, BoundaryCache? boundaries = null)
    {
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();
        _analysis = new CanaryAnalysis(_options);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _boundaries = boundaries;
    }

    /// <summary>The level of the line logged at each look; Debug when a live line shows the same in a terminal.</summary>
    public LogEventLevel LookLevel { get; init; } = LogEventLevel.Information;

    /// <summary>Runs the bake and returns its result; cancelling stops it with <see cref="OperationCanceledException"/>.</summary>
    public async Task<BakeResult> RunAsync(CanaryPool baseline, CanaryPool canary, IProgress<BakeProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(canary);
        var clock = new BakeClock(_options, _time);
        var ledger = new BakeLedger(_options, new SequentialBoundary(new AlphaSpending(_options.Alpha, _options.SpendingGamma), _boundaries));
        _logger.Information("Canary bake of {Canary} against {Baseline} started for {Duration} in {Looks} looks",
            canary.Release, baseline.Release, HumanDuration.Format(_options.BakeDuration), _options.PlannedLooks);
        await ReadAsync(ledger, baseline, canary, TimeSpan.Zero, progress, cancellationToken);
        while (true)
        {
            await clock.UntilNextLookAsync(cancellationToken);
            var elapsed = clock.Elapsed;
            if (await ReadAsync(ledger, baseline, canary, elapsed, progress, cancellationToken) is { } end) return Finish(end, elapsed, ledger);
        }
    }

    // One look: read, then judge. Returns the final analysis when the bake ends here.
    private async Task<CanaryAnalysisResult?> ReadAsync(
        BakeLedger ledger, CanaryPool baseline, CanaryPool canary, TimeSpan elapsed, IProgress<BakeProgress>? progress, CancellationToken cancellationToken)
    {
        var finished = elapsed >= _options.BakeDuration;
        var (baselineNow, canaryNow, error, canaryUnreadable) = await ReadBothAsync(baseline, canary, cancellationToken);
        if (error is not null)
        {
            var look = ledger.MeasurementError(elapsed, error);
            _logger.Warning("Canary bake look {Look}: metrics could not be read ({Error}), {InARow} in a row of {Limit} allowed",
                look.Number, error, ledger.ErrorsInARow, _options.MaxConsecutiveMeasurementErrors);
            progress?.Report(Progress(look, ledger, elapsed, null));
            return ledger.ErrorsInARow >= _options.MaxConsecutiveMeasurementErrors || finished
                ? Unmeasured(ledger, baseline, canary, error, canaryUnreadable, finished)
                : null;
        }

        if (!ledger.Started)
        {
            ledger.Start(baselineNow!, canaryNow!);
            return finished ? Judge(ledger, baseline, canary, elapsed, finished, progress) : null;
        }

        ledger.Add(baselineNow!, canaryNow!);
        return Judge(ledger, baseline, canary, elapsed, finished, progress);
    }

    private CanaryAnalysisResult? Judge(BakeLedger ledger, CanaryPool baseline, CanaryPool canary, TimeSpan elapsed, bool finished, IProgress<BakeProgress>? progress)
    {
        var (baselineTotals, canaryTotals) = (ledger.Baseline.Totals(), ledger.Canary.Totals());
        var fraction = ledger.Fraction(elapsed, finished);
        var boundary = ledger.BoundaryFor(fraction, _analysis.Judgeable(baselineTotals, canaryTotals));
        var analysis = Restarted(_analysis.Analyze(baseline.Release, baselineTotals, canary.Release, canaryTotals, boundary), ledger.Canary);
        var look = ledger.Record(elapsed, fraction, analysis);
        Report(progress, look, ledger, elapsed);
        return analysis.Verdict == CanaryVerdict.Fail || finished ? analysis : null;
    }

    // A canary whose instances restart must not pass, whatever its counts say: a crash loop can look healthy between crashes.
    private static CanaryAnalysisResult Restarted(CanaryAnalysisResult analysis, CounterWindow canary) =>
        canary.RestartCount == 0
            ? analysis
            : analysis with
            {
                Verdict = CanaryVerdict.Fail,
                Reason = $"Canary instances restarted during the bake ({Restarts(canary)}): a release whose processes restart must not go further.",
            };

    private CanaryAnalysisResult Unmeasured(BakeLedger ledger, CanaryPool baseline, CanaryPool canary, string error, bool canaryUnreadable, bool finished)
    {
        var last = ledger.Looks.LastOrDefault(look => look.Analysis is not null)?.Analysis
            ?? _analysis.Analyze(baseline.Release, PoolCounters.Empty, canary.Release, PoolCounters.Empty, double.PositiveInfinity);
        var why = ledger.ErrorsInARow >= _options.MaxConsecutiveMeasurementErrors
            ? $"metrics could not be read {ledger.ErrorsInARow} looks in a row (the limit)"
            : "the bake's last look could not be read";
        // An unreadable canary is the canary's problem; an unreadable baseline must not be blamed on it.
        return last with
        {
            Verdict = canaryUnreadable && !finished ? CanaryVerdict.Fail : CanaryVerdict.Inconclusive,
            Reason = $"The canary could not be judged: {why}; last error: {error}",
        };
    }

    private async Task<(PoolCounters? Baseline, PoolCounters? Canary, string? Error, bool CanaryUnreadable)> ReadBothAsync(
        CanaryPool baseline, CanaryPool canary, CancellationToken cancellationToken)
    {
        var baselineRead = Attempt(() => _metrics.ReadAsync(baseline, cancellationToken));
        var canaryRead = Attempt(() => _metrics.ReadAsync(canary, cancellationToken));
        var canaryResult = await canaryRead;
        var baselineResult = await baselineRead;
        if (canaryResult.Error is not null) return (null, null, $"canary {canary.Release}: {canaryResult.Error}", true);
        if (baselineResult.Error is not null) return (null, null, $"baseline {baseline.Release}: {baselineResult.Error}", false);
        return (baselineResult.Counters, canaryResult.Counters, null, false);
    }

    private static async Task<(PoolCounters? Counters, string? Error)> Attempt(Func<Task<PoolCounters>> read)
    {
        try
        {
            return (await read(), null);
        }
        catch (MetricsUnavailableException error)
        {
            return (null, error.Message);
        }
    }

    private void Report(IProgress<BakeProgress>? progress, BakeLook look, BakeLedger ledger, TimeSpan elapsed)
    {
        var result = look.Analysis!;
        _logger.Write(LookLevel,
            "Canary bake look {Look}/{Looks}, {Remaining} left: baseline {BaselineRequests:0} requests at {BaselineErrorRate:P2} errors, canary {CanaryRequests:0} at {CanaryErrorRate:P2}; z errors {ErrorZ:F2}, latency {LatencyZ:F2} against boundary {Boundary:F2}: {Verdict}",
            look.Number, _options.PlannedLooks, HumanDuration.Format(Max(TimeSpan.Zero, _options.BakeDuration - elapsed)),
            result.Baseline.Requests, result.Baseline.ErrorRate, result.Canary.Requests, result.Canary.ErrorRate,
            result.ErrorTest.Z, result.LatencyTest.Z, result.Boundary, result.Verdict);
        progress?.Report(Progress(look, ledger, elapsed, result));
    }

    private BakeProgress Progress(BakeLook look, BakeLedger ledger, TimeSpan elapsed, CanaryAnalysisResult? result)
    {
        var baseline = result?.Baseline;
        var canary = result?.Canary;
        return new BakeProgress(
            elapsed, Max(TimeSpan.Zero, _options.BakeDuration - elapsed), baseline?.Requests ?? 0, canary?.Requests ?? 0,
            baseline?.ErrorRate ?? 0, canary?.ErrorRate ?? 0, result?.Verdict ?? CanaryVerdict.Inconclusive)
        {
            Look = look,
            PlannedLooks = _options.PlannedLooks,
        };
    }

    private BakeResult Finish(CanaryAnalysisResult result, TimeSpan elapsed, BakeLedger ledger)
    {
        _logger.Information("Canary bake ended {Verdict} after {Elapsed}: {Reason}", result.Verdict, HumanDuration.Format(elapsed), result.Reason);
        return new BakeResult(result, elapsed, ledger.Looks.Count, elapsed < _options.BakeDuration)
        {
            Looks = ledger.Looks,
            PlannedLooks = _options.PlannedLooks,
            BaselineRestarts = ledger.Baseline.Restarts,
            CanaryRestarts = ledger.Canary.Restarts,
        };
    }

    private static string Restarts(CounterWindow window) =>
        string.Join(", ", window.Restarts.Select(pair => $"{(pair.Key.Length == 0 ? "the pool" : pair.Key)} {pair.Value}×"));

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
