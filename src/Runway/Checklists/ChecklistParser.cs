using Runway.Checklists.Parsing;

namespace Runway.Checklists;

/// <summary>
/// Reads a team's Markdown checklist: task-list items (<c>- [ ] text</c>) and rows of tables that have an
/// "Item" column (owner and status columns found by header text), grouped by heading path. Numbered lists
/// (such as a "Rollback Procedure") are steps, not items, and are left alone.
/// </summary>
public static class ChecklistParser
{
    /// <summary>Parses <paramref name="markdown"/>; <paramref name="source"/> names the file in error messages.</summary>
    /// <exception cref="ChecklistFormatException">A malformed table row, annotation or duplicate id, with file and line.</exception>
    public static Checklist Parse(string markdown, string source)
    {
        var drafts = new ChecklistReader(source, SourceLine.Split(markdown)).Read();
        return new Checklist(source, markdown, AssignIds(drafts, source));
    }

    /// <summary>Reads and parses a checklist file; refuses one that is not Markdown text or holds no items.</summary>
    public static async Task<Checklist> ParseFileAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Checklist {path} does not exist. Create it (see deploy/checklist.md for the format) or pass another path.", path);
        var markdown = ChecklistText.Decode(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), path);
        var checklist = Parse(markdown, path);
        ChecklistText.EnsureItems(checklist, path);
        return checklist;
    }

    private static List<ChecklistItem> AssignIds(IReadOnlyList<ItemDraft> drafts, string source)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var draft in drafts.Where(d => d.Annotation.Id is not null))
        {
            var id = draft.Annotation.Id!;
            if (!taken.Add(id))
                throw new ChecklistFormatException(source, draft.Line, $"id '{id}' is already used by the item on line {firstLine[id]}. Give each item its own id.");
            firstLine[id] = draft.Line;
        }
        return [.. drafts.Select(d => d.ToItem(d.Annotation.Id ?? ChecklistItemIds.Unique(ChecklistItemIds.Derive(d.InnermostHeading, d.Text), taken)))];
    }
}
