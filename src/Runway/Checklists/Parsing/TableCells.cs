using System.Text.RegularExpressions;

namespace Runway.Checklists.Parsing;

/// <summary>Splits a Markdown table row into cells, keeping where each cell sits in the line for write-back.</summary>
internal static partial class TableCells
{
    /// <summary>True when the line looks like a table row (starts with a pipe).</summary>
    public static bool IsRow(string line) => line.TrimStart().StartsWith('|');

    /// <summary>True for the delimiter row under a header: <c>| --- | :---: |</c>.</summary>
    public static bool IsDelimiter(string line) => DelimiterPattern().IsMatch(line);

    /// <summary>The cells' ranges (inside the pipes, untrimmed). An escaped pipe <c>\|</c> does not split.</summary>
    public static IReadOnlyList<Range> Split(string line)
    {
        var cells = new List<Range>();
        var first = line.IndexOf('|', StringComparison.Ordinal);
        var start = first + 1;
        for (var i = start; i < line.Length; i++)
        {
            if (line[i] == '\\') { i++; continue; }
            if (line[i] != '|') continue;
            cells.Add(start..i);
            start = i + 1;
        }
        if (line[start..].Trim().Length > 0)
            cells.Add(start..line.Length); // a row without a closing pipe
        return cells;
    }

    /// <summary>The trimmed text of each cell.</summary>
    public static IReadOnlyList<string> Texts(string line) => [.. Split(line).Select(r => line[r].Trim())];

    [GeneratedRegex(@"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")]
    private static partial Regex DelimiterPattern();
}
