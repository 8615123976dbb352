namespace Runway.Checklists;

/// <summary>A section of a checklist: the heading path (e.g. "Pre-Deployment › Code &amp; Repository") and its items.</summary>
public sealed record ChecklistSection(string Title, IReadOnlyList<ChecklistItem> Items);
