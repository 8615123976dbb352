using System.Globalization;

namespace Runway.Canary;

/// <summary>
/// A live line per pool while a bake runs in a terminal, redrawn in place at every look: requests, error rate, median,
/// and for the canary its z against the boundary and the time left. Meant only for a terminal; in CI or when the
/// output is piped, the bake's log lines say the same.
/// </summary>
public sealed class BakeLiveLine(TextWriter terminal, string baseline, string canary) : IProgress<BakeProgress>
{
    private bool _drawn;

    /// <summary>True when standard output is a terminal a person watches (not redirected, not CI) that can move its cursor (not <c>TERM=dumb</c>).</summary>
    public static bool Supported(bool interactive) =>
        interactive && !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
        && !string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public void Report(BakeProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        // Move up over the previous two lines and clear them, so the block stays in place.
        if (_drawn) terminal.Write("\u001b[2A");
        terminal.Write("\r\u001b[2K" + Line(value) + "\n");
        terminal.Write("\r\u001b[2K" + CanaryLine(value) + "\n");
        terminal.Flush();
        _drawn = true;
    }

    /// <summary>The baseline's line.</summary>
    public string Line(BakeProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Pool("baseline", baseline, value.BaselineRequests, value.BaselineErrorRate, value.Look?.Analysis?.Baseline.MedianLatencySeconds);
    }

    /// <summary>The canary's line, with the decision so far.</summary>
    public string CanaryLine(BakeProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var line = Pool("canary", canary, value.CanaryRequests, value.CanaryErrorRate, value.Look?.Analysis?.Canary.MedianLatencySeconds);
        var look = value.Look;
        var judged = look?.Analysis is { } analysis
            ? Invariant($"z errors {analysis.ErrorTest.Z:0.00}, latency {analysis.LatencyTest.Z:0.00} vs boundary {Boundary(analysis.Boundary)}: {analysis.Verdict}")
            : $"measurement error: {look?.MeasurementError}";
        return Invariant($"{line} | {judged} | look {look?.Number}/{value.PlannedLooks}, {HumanDuration.Format(value.Remaining)} left");
    }

    private static string Pool(string role, string release, double requests, double errorRate, double? median) =>
        Invariant($"{role,-8} {release,-10} {requests,8:N0} requests {errorRate * 100,6:0.00} % errors  median {(median is { } m ? Invariant($"{m * 1000:0.0} ms") : "n/a"),9}");

    private static string Boundary(double boundary) => double.IsFinite(boundary) ? Invariant($"{boundary:0.00}") : "none yet";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
