using System.Diagnostics;

namespace Runway.Bench.Database;

internal static class Timing
{
    public static async Task<TimeSpan> MeasureAsync(Func<Task> action)
    {
        var started = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(started);
    }

    public static TimeSpan Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    public static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + " s";

    public static string Percent(TimeSpan runway, TimeSpan baseline) =>
        ((runway / baseline - 1) * 100).ToString("+0.0;-0.0", System.Globalization.CultureInfo.InvariantCulture) + " %";
}
