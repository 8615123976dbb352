using Runway.Canary;
using Serilog.Core;

namespace Runway.Bench.Canary;

/// <summary>The rule as it is now: the real <see cref="CanaryBake"/> on replayed counters, with fake time.</summary>
internal sealed class RuleV2(double alpha)
{
    private readonly BoundaryCache _boundaries = new();

    private readonly CanaryOptions _options = new()
    {
        BakeDuration = Scenario.Interval * Scenario.Looks,
        Interval = Scenario.Interval,
        Alpha = alpha,
    };

    /// <summary>
    /// One bake with the practical thresholds on; the verdict with them off follows from the same looks (the
    /// boundaries do not depend on the thresholds): it fails at the first look where either z reaches the boundary.
    /// </summary>
    public async Task<((bool Failed, int Look) On, (bool Failed, int Look) Off)> BakeAsync(Trajectory trajectory)
    {
        var result = await new CanaryBake(new ReplayedMetrics(trajectory), _options, new AutoAdvancingTime(), Logger.None, _boundaries)
            .RunAsync(new CanaryPool("baseline", []), new CanaryPool("canary", []), null, CancellationToken.None);
        var off = result.Looks.FirstOrDefault(look => look.Analysis is { } a && (a.ErrorTest.Z >= a.Boundary || a.LatencyTest.Z >= a.Boundary));
        return ((result.Verdict == CanaryVerdict.Fail, result.Intervals), (off is not null, off?.Number ?? 0));
    }
}

/// <summary>How often one rule failed the bakes of a cell, and at which look (median of the failed ones).</summary>
internal sealed class Tally
{
    private readonly List<int> _looks = [];
    private int _bakes;

    public double Rate => _bakes == 0 ? 0 : (double)_looks.Count / _bakes;

    public double? MedianLook
    {
        get
        {
            if (_looks.Count == 0) return null;
            var sorted = _looks.Order().ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2.0;
        }
    }

    public void Add((bool Failed, int Look) bake)
    {
        lock (_looks)
        {
            _bakes++;
            if (bake.Failed) _looks.Add(bake.Look);
        }
    }
}
