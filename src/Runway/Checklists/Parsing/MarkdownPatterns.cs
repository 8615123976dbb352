using System.Text.RegularExpressions;

namespace Runway.Checklists.Parsing;

/// <summary>The line shapes the checklist reader and the report writer agree on.</summary>
internal static partial class MarkdownPatterns
{
    /// <summary>A task-list item: <c>- [ ] text</c>, <c>* [x] text</c>; group <c>box</c> is the mark.</summary>
    [GeneratedRegex(@"^(?<indent>\s*)[-*+]\s+\[(?<box>[ xX])\]\s+(?<text>.*)$")]
    public static partial Regex Task();

    /// <summary>An ATX heading; group <c>title</c> without the closing hashes.</summary>
    [GeneratedRegex(@"^ {0,3}(?<level>#{1,6})\s+(?<title>.*?)(\s+#+)?\s*$")]
    public static partial Regex Heading();

    /// <summary>A fenced code block's opening or closing line.</summary>
    [GeneratedRegex(@"^ {0,3}(```|~~~)")]
    public static partial Regex Fence();

    /// <summary>Status cell text that counts as ticked (written by the report, or by hand).</summary>
    public static bool IsTickedStatus(string cell) =>
        cell.StartsWith('✔') || cell.StartsWith('✍') || cell.StartsWith('⚠') || cell.StartsWith('✅')
        || cell.StartsWith("[x]", StringComparison.OrdinalIgnoreCase);
}
