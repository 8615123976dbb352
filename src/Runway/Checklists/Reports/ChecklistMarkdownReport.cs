using System.Text;
using Runway.Checklists.Parsing;
using Runway.Ledger;

namespace Runway.Checklists.Reports;

/// <summary>
/// Writes the checklist back as the same document with closed items ticked: task boxes become <c>[x]</c> with a
/// nested evidence bullet below, table status cells get the status and evidence. Every other byte is kept.
/// </summary>
public static class ChecklistMarkdownReport
{
    /// <summary>The document with the marks of <paramref name="state"/> written in.</summary>
    public static string Render(ChecklistState state)
    {
        var lines = SourceLine.Split(state.Checklist.Text);
        var byLine = state.Checklist.Items.ToDictionary(i => i.Line);
        var newline = lines.FirstOrDefault(l => l.Ending.Length > 0).Ending is { Length: > 0 } e ? e : "\n";
        var output = new StringBuilder(state.Checklist.Text.Length + 1024);
        for (var i = 0; i < lines.Count; i++)
        {
            var mark = byLine.TryGetValue(i + 1, out var item) ? state.MarkOf(item.Id) : null;
            if (item is null || mark is null)
                output.Append(lines[i].Content).Append(lines[i].Ending);
            else if (item.Shape == ChecklistItemShape.Task)
                AppendTask(output, lines[i], mark, newline);
            else
                output.Append(TableRow(lines[i].Content, item, mark)).Append(lines[i].Ending);
        }
        return output.ToString();
    }

    private static void AppendTask(StringBuilder output, SourceLine line, ChecklistMark mark, string newline)
    {
        var match = MarkdownPatterns.Task().Match(line.Content);
        var box = match.Groups["box"];
        output.Append(line.Content[..box.Index]).Append('x').Append(line.Content[(box.Index + 1)..]);
        output.Append(line.Ending.Length > 0 ? line.Ending : newline);
        output.Append(match.Groups["indent"].Value).Append("  - ").Append(Inline(mark)).Append(line.Ending);
    }

    private static string TableRow(string line, ChecklistItem item, ChecklistMark mark)
    {
        if (item.StatusColumn is not { } column) return line; // no status column to write into; evidence.json has it
        var cell = TableCells.Split(line)[column];
        var text = Inline(mark).Replace("|", "\\|", StringComparison.Ordinal);
        return $"{line[..cell.Start]} {text} {line[cell.End..]}";
    }

    // One line, and never something the parser would read as an annotation or a task.
    private static string Inline(ChecklistMark mark)
    {
        var summary = MarkText.Summary(mark).Replace("<!--", "&lt;!--", StringComparison.Ordinal);
        var text = $"{MarkText.Status(mark)} — {MarkText.WhoWhen(mark)}";
        return summary.Length == 0 ? text : $"{text}: {summary}";
    }
}
