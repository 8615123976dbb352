using Runway.Canary;
using Runway.Environments;

namespace Runway.Phases;

/// <summary>
/// Which baseline a canary is judged against (<c>--canary-baseline</c>), and why. A fresh baseline needs a runtime that
/// can run a second pool of one release (the local runtime: the team's commands and HAProxy address pools by release),
/// metrics that tell that pool's series from the live pool's (the scrape source reads each pool's own instances; the
/// Prometheus contract selects series by a <c>release</c> label, which both pools carry — a <c>track</c> label would be
/// needed), and room for two canary shares beside the live pool.
/// </summary>
public static class BaselineChoice
{
    /// <summary>The baseline <paramref name="settings"/> choose: fresh or live, and why (null when as asked).</summary>
    public static (CanaryBaseline Kind, string? Why) Decide(PipelineSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var blocker = Blocker(settings);
        return settings.Canary.Baseline switch
        {
            CanaryBaseline.Live => (CanaryBaseline.Live, "--canary-baseline live"),
            CanaryBaseline.Fresh => (CanaryBaseline.Fresh, null),
            _ when blocker is null => (CanaryBaseline.Fresh, null),
            _ => (CanaryBaseline.Live, $"a fresh baseline is not offered here: {blocker}"),
        };
    }

    /// <summary>What is wrong with an explicit <c>--canary-baseline fresh</c>, naming its source and the fix; empty when nothing is.</summary>
    public static IEnumerable<string> Problems(PipelineSettings settings, Func<string, string> origin)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(origin);
        if (settings.Canary.Baseline == CanaryBaseline.Fresh && Blocker(settings) is { } blocker)
            yield return $"--canary-baseline is Fresh (from {origin("CanaryBaseline")}), but {blocker}; use --canary-baseline Live (or Auto, which falls back to it and says so).";
    }

    // Why this environment cannot run a fresh baseline, or null when it can.
    private static string? Blocker(PipelineSettings settings)
    {
        if (TopologyFactory.Kind(settings).Runtime != "local")
            return $"the {TopologyFactory.Kind(settings).Runtime} pool runtime runs one pool per release (only the local runtime runs a second pool of the previous release)";
        if (settings.Service.MetricsSource != "scrape")
            return $"the {settings.Service.MetricsSource} metrics source selects a pool's series by its release label, which the fresh and the live pool share (only the scrape source reads each pool's own instances)";
        if (settings.CanaryWeight > 50)
            return $"--canary-weight is {settings.CanaryWeight}: the canary and a fresh baseline of the same share need at most 50 each";
        return null;
    }
}
