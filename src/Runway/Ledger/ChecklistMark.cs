using System.Text.Json.Nodes;

namespace Runway.Ledger;

/// <summary>How a checklist item was closed.</summary>
public enum ChecklistMarkKind
{
    /// <summary>A phase proved it, with evidence.</summary>
    Done,

    /// <summary>A person signed it off.</summary>
    SignedOff,

    /// <summary>A person waived it, with a reason.</summary>
    Waived,
}

/// <summary>
/// One closing of a checklist item for a release in an environment: who (a person or a phase), when, and the
/// evidence. Sign-offs given before a deployment starts have no deployment id.
/// </summary>
public sealed record ChecklistMark(
    string Environment,
    string Release,
    long? DeploymentId,
    string ItemId,
    ChecklistMarkKind Kind,
    string By,
    DateTimeOffset At,
    string? Note,
    JsonObject? Evidence);
