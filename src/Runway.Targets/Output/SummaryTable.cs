using System.Globalization;
using System.Text;
using Runway.Targets.Execution;

namespace Runway.Targets.Output;

/// <summary>Renders the final table of targets, statuses and durations, and the one-line verdict.</summary>
internal static class SummaryTable
{
    // The whole reason was logged when the target was skipped; the table keeps its start so that it fits a terminal.
    private const int MaxStatusLength = 72;

    public static string Render(IReadOnlyList<TargetResult> results, bool succeeded, DateTimeOffset finishedAt)
    {
        var rows = results.Select(r => (r.Name, Status: Status(r), Duration: Format(r.Duration))).ToList();
        var total = Format(results.Aggregate(TimeSpan.Zero, (sum, r) => sum + (r.Duration ?? TimeSpan.Zero)));
        var nameWidth = rows.Select(r => r.Name.Length).Append("Target".Length).Append("Total".Length).Max() + 3;
        var statusWidth = rows.Select(r => r.Status.Length).Append("Status".Length).Max() + 3;
        var durationWidth = rows.Select(r => r.Duration.Length).Append(total.Length).Append("Duration".Length).Max();
        var width = nameWidth + statusWidth + durationWidth;
        var text = new StringBuilder("\n").Append('═', width).Append('\n');
        text.Append(Row("Target", "Status", "Duration", nameWidth, statusWidth, durationWidth)).Append('─', width).Append('\n');
        foreach (var row in rows) text.Append(Row(row.Name, row.Status, row.Duration, nameWidth, statusWidth, durationWidth));
        text.Append('─', width).Append('\n').Append(Row("Total", "", total, nameWidth, statusWidth, durationWidth)).Append('═', width).Append("\n\n");
        var outcome = succeeded ? "succeeded" : results.Any(r => r.Status == TargetStatus.Refused) ? "refused" : "failed";
        return text.Append(Verdict(outcome, finishedAt)).Append('\n').ToString();
    }

    public static string Verdict(bool succeeded, DateTimeOffset finishedAt) => Verdict(succeeded ? "succeeded" : "failed", finishedAt);

    private static string Verdict(string outcome, DateTimeOffset finishedAt) =>
        string.Create(CultureInfo.InvariantCulture, $"Build {outcome} on {finishedAt:yyyy-MM-dd HH:mm:ss zzz}");

    private static string Row(string name, string status, string duration, int nameWidth, int statusWidth, int durationWidth) =>
        (name.PadRight(nameWidth) + status.PadRight(statusWidth) + duration.PadLeft(durationWidth)).TrimEnd() + "\n";

    private static string Status(TargetResult result) =>
        result.Status == TargetStatus.Skipped && result.Reason is { } reason ? $"Skipped ({Shorten(reason, MaxStatusLength - "Skipped ()".Length)})" : result.Status.ToString();

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)].TrimEnd() + "…";

    private static string Format(TimeSpan? duration) => duration is { } d ? DurationText.Format(d) : "";
}
