using System.Globalization;

namespace Runway.Canary;

/// <summary>Durations as a person says them in a log line: <c>15 s</c>, <c>4 m 30 s</c>, <c>1 h 5 m</c>, <c>350 ms</c>:
/// the same units as the engine's <c>DurationText</c>, which the domain does not reference (it must not depend on the engine).</summary>
public static class HumanDuration
{
    /// <summary>The duration rounded to the unit that matters.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero) return "-" + Format(-duration);
        if (duration < TimeSpan.FromSeconds(1)) return Invariant($"{Math.Round(duration.TotalMilliseconds)} ms");
        if (duration < TimeSpan.FromSeconds(10)) return Invariant($"{Math.Round(duration.TotalSeconds, 1, MidpointRounding.AwayFromZero)} s");
        var seconds = (long)Math.Round(duration.TotalSeconds);
        if (seconds < 60) return Invariant($"{seconds} s");
        if (seconds < 3600) return seconds % 60 == 0 ? Invariant($"{seconds / 60} m") : Invariant($"{seconds / 60} m {seconds % 60} s");
        var minutes = (seconds + 30) / 60;
        return minutes % 60 == 0 ? Invariant($"{minutes / 60} h") : Invariant($"{minutes / 60} h {minutes % 60} m");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
