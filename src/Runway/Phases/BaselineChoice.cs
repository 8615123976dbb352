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
    /// <summary>The values <c>--canary-baseline</c> takes.</summary>
    public static IReadOnlyList<string> Names { get; } = ["auto", "fresh", "live"];

    /// <summary>The choice <paramref name="text"/> names (any case), or null when it names none.</summary>
    public static CanaryBaseline? Parse(string? text) =>
        Enum.GetValues<CanaryBaseline>().Cast<CanaryBaseline?>().FirstOrDefault(c => string.Equals(c.ToString(), text?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The baseline <paramref name="settings"/> choose: fresh or live, and why live (null when fresh).</summary>
    /// <exception cref="InvalidOperationException">The setting names no choice (refused earlier by <see cref="Problems"/>).</exception>
    public static (CanaryBaseline Kind, string? Why) Decide(PipelineSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var blocker = Blocker(settings);
        return Parse(settings.Canary.Baseline) switch
        {
            null => throw new InvalidOperationException($"--canary-baseline is '{settings.Canary.Baseline}'; use one of {string.Join(", ", Names)}."),
            CanaryBaseline.Live => (CanaryBaseline.Live, "--canary-baseline live"),
            CanaryBaseline.Fresh => (CanaryBaseline.Fresh, null),
            _ when blocker is null => (CanaryBaseline.Fresh, null),
            _ => (CanaryBaseline.Live, $"a fresh baseline is not offered here: {blocker}"),
        };
    }

    /// <summary>What is wrong with <c>--canary-baseline</c> (a name it does not know, or fresh where it cannot run), with its source and the fix; empty when nothing is.</summary>
    public static IEnumerable<string> Problems(PipelineSettings settings, Func<string, string> origin)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(origin);
        var choice = Parse(settings.Canary.Baseline);
        if (choice is null)
            yield return $"--canary-baseline is '{settings.Canary.Baseline}' (from {origin("CanaryBaseline")}); it must be one of {string.Join(", ", Names)}.";
        else if (choice == CanaryBaseline.Fresh && Blocker(settings) is { } blocker)
            yield return $"--canary-baseline is fresh (from {origin("CanaryBaseline")}), but {blocker}; use --canary-baseline live (or auto, which falls back to it and says so).";
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
