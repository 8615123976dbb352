namespace Runway.Checklists.Parsing;

/// <summary>One line of a document without its ending, and the ending exactly as it was ("\n", "\r\n" or "").</summary>
internal readonly record struct SourceLine(string Content, string Ending)
{
    /// <summary>Splits text into lines so that joining Content + Ending gives the text back byte for byte.</summary>
    public static IReadOnlyList<SourceLine> Split(string text)
    {
        var lines = new List<SourceLine>();
        var start = 0;
        while (start < text.Length)
        {
            var newline = text.IndexOf('\n', start);
            if (newline < 0)
            {
                lines.Add(new SourceLine(text[start..], ""));
                break;
            }
            var end = newline > start && text[newline - 1] == '\r' ? newline - 1 : newline;
            lines.Add(new SourceLine(text[start..end], text[end..(newline + 1)]));
            start = newline + 1;
        }
        return lines;
    }
}
