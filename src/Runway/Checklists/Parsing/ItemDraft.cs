namespace Runway.Checklists.Parsing;

/// <summary>An item as read, before derived ids are assigned (explicit ids must all be known first).</summary>
internal sealed record ItemDraft(
    string InnermostHeading,
    string Section,
    string Text,
    ItemAnnotation Annotation,
    ChecklistOwner? Owner,
    int Line,
    ChecklistItemShape Shape,
    bool IsTicked,
    int? StatusColumn)
{
    public ChecklistItem ToItem(string id) =>
        new(id, Section, Text, Owner ?? Annotation.Owner, Annotation.Phase, Annotation.CheckId, Line, Shape, IsTicked)
        {
            HasExplicitId = Annotation.Id is not null,
            StatusColumn = StatusColumn,
        };
}
