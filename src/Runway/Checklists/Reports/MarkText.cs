using System.Globalization;
using System.Text.Json;
using Runway.Ledger;

namespace Runway.Checklists.Reports;

/// <summary>How marks read in reports: a status glyph and word, who and when, and a one-line evidence summary.</summary>
public static class MarkText
{
    private const int SummaryLength = 100;

    /// <summary>✔ done, ✍ signed, ⚠ waived, or ☐ open when there is no mark.</summary>
    public static string Status(ChecklistMark? mark) => mark?.Kind switch
    {
        ChecklistMarkKind.Done => "✔ done",
        ChecklistMarkKind.SignedOff => "✍ signed",
        ChecklistMarkKind.Waived => "⚠ waived",
        _ => "☐ open",
    };

    /// <summary>"by at" in UTC, minutes precision, or empty for an open item.</summary>
    public static string WhoWhen(ChecklistMark? mark) =>
        mark is null ? "" : $"{mark.By} {mark.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}Z";

    /// <summary>The mark's note, else its evidence as compact JSON; one line, at most 100 characters.</summary>
    public static string Summary(ChecklistMark? mark)
    {
        var text = mark?.Note ?? (mark?.Evidence is { } evidence ? evidence.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) : "");
        text = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return text.Length <= SummaryLength ? text : text[..(SummaryLength - 1)] + "…";
    }
}
