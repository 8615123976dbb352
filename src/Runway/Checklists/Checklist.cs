namespace Runway.Checklists;

/// <summary>A parsed checklist: where it came from, its source text, and its items grouped by section.</summary>
public sealed class Checklist
{
    /// <summary>Creates a checklist from parsed items; sections follow the order items first appear in.</summary>
    public Checklist(string source, string text, IReadOnlyList<ChecklistItem> items)
    {
        Source = source;
        Text = text;
        Items = items;
        Sections = items.GroupBy(i => i.Section).Select(g => new ChecklistSection(g.Key, [.. g])).ToList();
        byId = items.ToDictionary(i => i.Id, StringComparer.Ordinal);
    }

    private readonly Dictionary<string, ChecklistItem> byId;

    /// <summary>The file name (or label) the checklist was read from, used in messages.</summary>
    public string Source { get; }

    /// <summary>The Markdown exactly as read, for write-back.</summary>
    public string Text { get; }

    /// <summary>Every item in document order.</summary>
    public IReadOnlyList<ChecklistItem> Items { get; }

    /// <summary>Sections that hold at least one item, in document order.</summary>
    public IReadOnlyList<ChecklistSection> Sections { get; }

    /// <summary>The item with <paramref name="id"/>, or null.</summary>
    public ChecklistItem? Find(string id) => byId.GetValueOrDefault(id);
}
