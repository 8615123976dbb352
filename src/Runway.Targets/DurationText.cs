using System.Globalization;

namespace Runway.Targets;

/// <summary>
/// The one way Runway writes a duration for people: <c>850 ms</c>, <c>2.5 s</c>, <c>20 s</c>, <c>1 m 30 s</c>,
/// <c>2 h 5 m</c>, <c>1 d 3 h</c>. Help, logs and the summary use it; the parameter parser reads it back.
/// </summary>
public static class DurationText
{
    /// <summary>Formats <paramref name="duration"/> with its two largest units; negative durations get a minus sign.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero) return "-" + Format(duration.Negate());
        // Each step rounds first and moves on when rounding reaches the next unit (59.6 s is "1 m", not "60 s").
        var milliseconds = Math.Round(duration.TotalMilliseconds, MidpointRounding.AwayFromZero);
        if (milliseconds < 1000) return Invariant($"{milliseconds:0} ms");
        var tenths = Math.Round(duration.TotalSeconds, 1, MidpointRounding.AwayFromZero);
        if (tenths < 10) return Invariant($"{tenths:0.#} s");
        var seconds = (long)Math.Round(duration.TotalSeconds, MidpointRounding.AwayFromZero);
        if (seconds < 60) return Invariant($"{seconds} s");
        if (seconds < 3600) return Pair(seconds / 60, "m", seconds % 60, "s");
        var minutes = (long)Math.Round(duration.TotalMinutes, MidpointRounding.AwayFromZero);
        if (minutes < 24 * 60) return Pair(minutes / 60, "h", minutes % 60, "m");
        var hours = (long)Math.Round(duration.TotalHours, MidpointRounding.AwayFromZero);
        return Pair(hours / 24, "d", hours % 24, "h");
    }

    private static string Pair(long major, string majorUnit, long minor, string minorUnit) =>
        minor == 0 ? Invariant($"{major} {majorUnit}") : Invariant($"{major} {majorUnit} {minor} {minorUnit}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
