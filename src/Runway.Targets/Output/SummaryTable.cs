using System.Globalization;
using System.Text;
using Runway.Targets.Execution;

namespace Runway.Targets.Output;

/// <summary>Renders the final table of targets, statuses and durations, and the one-line verdict.</summary>
internal static class SummaryTable
{
    public static string Render(IReadOnlyList<TargetResult> results, bool succeeded, DateTimeOffset finishedAt)
    {
        var rows = results.Select(r => (r.Name, Status: Status(r), Duration: Format(r.Duration))).ToList();
        var total = Format(results.Aggregate(TimeSpan.Zero, (sum, r) => sum + (r.Duration ?? TimeSpan.Zero)));
        var nameWidth = rows.Select(r => r.Name.Length).Append("Target".Length).Append("Total".Length).Max() + 3;
        var statusWidth = rows.Select(r => r.Status.Length).Append("Status".Length).Max() + 3;
        var width = nameWidth + statusWidth + 8;
        var text = new StringBuilder("\n").Append('═', width).Append('\n');
        text.Append(Row("Target", "Status", "Duration", nameWidth, statusWidth)).Append('─', width).Append('\n');
        foreach (var row in rows) text.Append(Row(row.Name, row.Status, row.Duration, nameWidth, statusWidth));
        text.Append('─', width).Append('\n').Append(Row("Total", "", total, nameWidth, statusWidth)).Append('═', width).Append("\n\n");
        return text.Append(Verdict(succeeded, finishedAt)).Append('\n').ToString();
    }

    public static string Verdict(bool succeeded, DateTimeOffset finishedAt) =>
        string.Create(CultureInfo.InvariantCulture, $"Build {(succeeded ? "succeeded" : "failed")} on {finishedAt:yyyy-MM-dd HH:mm:ss zzz}");

    private static string Row(string name, string status, string duration, int nameWidth, int statusWidth) =>
        (name.PadRight(nameWidth) + status.PadRight(statusWidth) + duration.PadLeft(8)).TrimEnd() + "\n";

    private static string Status(TargetResult result) =>
        result.Status == TargetStatus.Skipped && result.Reason is { } reason ? $"Skipped ({reason})" : result.Status.ToString();

    private static string Format(TimeSpan? duration) => duration switch
    {
        null => "",
        { TotalSeconds: < 1 } => "< 1s",
        { } d => d.ToString(d.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture),
    };
}
