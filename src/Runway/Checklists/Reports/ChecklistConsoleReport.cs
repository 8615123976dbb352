using System.Text;

namespace Runway.Checklists.Reports;

/// <summary>A plain-text table of a checklist's state, one block per section, for the console.</summary>
public static class ChecklistConsoleReport
{
    private const int TextWidth = 48;

    /// <summary>Renders status, item, owner, who/when and evidence for every item, then a count line.</summary>
    public static string Render(ChecklistState state)
    {
        var rows = state.Checklist.Items.Select(i => Row(state, i)).ToList();
        var widths = Enumerable.Range(0, 5).Select(c => rows.Select(r => r[c].Length).DefaultIfEmpty(0).Max()).ToArray();
        var text = new StringBuilder();
        foreach (var section in state.Checklist.Sections)
        {
            text.Append(section.Title).Append('\n');
            foreach (var item in section.Items)
                text.Append("  ").Append(Line(Row(state, item), widths)).Append('\n');
        }
        return text.Append(Totals(state)).Append('\n').ToString();
    }

    private static string[] Row(ChecklistState state, ChecklistItem item)
    {
        var mark = state.MarkOf(item.Id);
        var text = item.Text.Length <= TextWidth ? item.Text : item.Text[..(TextWidth - 1)] + "…";
        return [MarkText.Status(mark), item.Id, text, item.Owner?.ToString() ?? "-", MarkText.WhoWhen(mark), MarkText.Summary(mark)];
    }

    private static string Line(string[] row, int[] widths) =>
        string.Join("  ", row.Take(5).Select((cell, c) => cell.PadRight(widths[c])).Append(row[5])).TrimEnd();

    private static string Totals(ChecklistState state)
    {
        var statuses = state.Checklist.Items.Select(i => MarkText.Status(state.MarkOf(i.Id))).ToList();
        string Count(string status) => $"{statuses.Count(s => s == status)} {status[2..]}";
        return $"{statuses.Count} items: {Count("✔ done")}, {Count("✍ signed")}, {Count("⚠ waived")}, {Count("☐ open")}";
    }
}
