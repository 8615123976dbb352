namespace Runway.Canary;

/// <summary>
/// What a bake has seen so far: both pools' windows, the looks, the measurement errors in a row, and the boundary of
/// each look (spent by information fraction, so looks that were skipped or came late keep the error rate at α).
/// </summary>
internal sealed class BakeLedger(CanaryOptions options, SequentialBoundary boundary)
{
    private double _lastFraction;

    public CounterWindow Baseline { get; } = new();

    public CounterWindow Canary { get; } = new();

    public List<BakeLook> Looks { get; } = [];

    public bool Started { get; private set; }

    public int ErrorsInARow { get; private set; }

    public int MeasurementErrors => Looks.Count(look => look.MeasurementError is not null);

    public void Start(PoolCounters baseline, PoolCounters canary)
    {
        Baseline.Add(baseline);
        Canary.Add(canary);
        Started = true;
        ErrorsInARow = 0;
    }

    public void Add(PoolCounters baseline, PoolCounters canary)
    {
        Baseline.Add(baseline);
        Canary.Add(canary);
        ErrorsInARow = 0;
    }

    public BakeLook MeasurementError(TimeSpan elapsed, string error)
    {
        ErrorsInARow++;
        var look = new BakeLook(Looks.Count + 1, elapsed, Fraction(elapsed, finished: false), null, error);
        Looks.Add(look);
        return look;
    }

    /// <summary>The boundary of a look at <paramref name="fraction"/>, spending α only when the look is judged.</summary>
    public double BoundaryFor(double fraction, bool judged)
    {
        if (!judged || fraction <= _lastFraction) return double.PositiveInfinity;
        _lastFraction = fraction;
        return boundary.Next(fraction);
    }

    public BakeLook Record(TimeSpan elapsed, double fraction, CanaryAnalysisResult analysis)
    {
        var look = new BakeLook(Looks.Count + 1, elapsed, fraction, analysis, null);
        Looks.Add(look);
        return look;
    }

    // Elapsed intervals over planned looks: a look delayed by a slow scrape still counts as its interval.
    public double Fraction(TimeSpan elapsed, bool finished) =>
        finished ? 1 : Math.Min(1, Math.Round(elapsed / options.Interval) / options.PlannedLooks);
}
