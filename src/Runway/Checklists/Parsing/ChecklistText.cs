using System.Text;

namespace Runway.Checklists.Parsing;

/// <summary>
/// What a checklist file must be before it is parsed, and after: Markdown text (UTF-8, no binary data) holding at
/// least one item. A file that is neither would parse as a checklist with no items, and then no gate would apply.
/// </summary>
internal static class ChecklistText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The file's text, or <see cref="ChecklistFormatException"/> when it holds binary data.</summary>
    public static string Decode(byte[] bytes, string source)
    {
        var nul = Array.IndexOf(bytes, (byte)0);
        if (nul >= 0) throw NotMarkdown(source, LineOf(bytes, nul), "a NUL byte");
        try
        {
            return StrictUtf8.GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException ex)
        {
            throw NotMarkdown(source, ex.Index >= 0 ? LineOf(bytes, Math.Min(ex.Index, bytes.Length - 1)) : 1, "bytes that are not UTF-8 text");
        }
    }

    /// <summary>Refuses a checklist without items.</summary>
    public static void EnsureItems(Checklist checklist, string source)
    {
        if (checklist.Items.Count == 0)
            throw new ChecklistFormatException(source, 1,
                "is not a Markdown checklist: it holds no items (task-list lines such as `- [ ] Backups verified`, or rows of a table with an Item column), " +
                "so no gate would apply. Point --checklist-file at your team's checklist (deploy/checklist.md shows the format).");
    }

    private static ChecklistFormatException NotMarkdown(string source, int line, string what) =>
        new(source, line, $"is not a Markdown checklist: it holds {what} (a binary file?). Point --checklist-file at your team's Markdown checklist.");

    private static int LineOf(byte[] bytes, int index) => 1 + bytes.AsSpan(0, index).Count((byte)'\n');
}
