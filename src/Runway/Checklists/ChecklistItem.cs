namespace Runway.Checklists;

/// <summary>How an item is written in the Markdown.</summary>
public enum ChecklistItemShape
{
    /// <summary>A task-list line: <c>- [ ] text</c>.</summary>
    Task,

    /// <summary>A row of a table with an item column.</summary>
    TableRow,
}

/// <summary>
/// One checklist item: a stable id, the section it sits in, its text, and what the annotation binds it to.
/// An item with a <see cref="CheckId"/> is proven by that automated check; one without needs a person's sign-off.
/// </summary>
public sealed record ChecklistItem(
    string Id,
    string Section,
    string Text,
    ChecklistOwner? Owner,
    ChecklistPhase? Phase,
    string? CheckId,
    int Line,
    ChecklistItemShape Shape,
    bool IsTicked)
{
    /// <summary>True when the author gave the id; false when it is derived from section and text.</summary>
    public bool HasExplicitId { get; init; }

    /// <summary>True when an automated check proves the item; false when a person must sign it off.</summary>
    public bool IsAutomated => CheckId is not null;

    /// <summary>For table rows, the zero-based index of the status column; null when there is none.</summary>
    internal int? StatusColumn { get; init; }
}
