namespace Runway.GitHub;

/// <summary>The GitHub issue that carries a deployment's live checklist.</summary>
/// <param name="Number">Issue number.</param>
/// <param name="HtmlUrl">The issue's page.</param>
/// <param name="Created">True when this call created the issue, false when it updated the existing one.</param>
public sealed record ChecklistIssueRef(int Number, string HtmlUrl, bool Created);
