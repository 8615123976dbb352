using System.Text.Json.Nodes;

namespace Runway.Ledger;

/// <summary>One entry of the append-only event log, chained to its predecessor by hash.</summary>
/// <param name="Id">Its position in the log.</param>
/// <param name="At">When it happened.</param>
/// <param name="Type">What happened, one of <see cref="LedgerEventTypes"/>.</param>
/// <param name="Environment">The environment it concerns, if any.</param>
/// <param name="DeploymentId">The deployment it concerns, if any.</param>
/// <param name="Payload">The details.</param>
/// <param name="PrevHash">The hash of the event before it (64 zeros for the first).</param>
/// <param name="Hash">SHA-256 hex of <c>PrevHash + payload text + Type + At</c>.</param>
public sealed record LedgerEvent(
    long Id,
    DateTimeOffset At,
    string Type,
    string? Environment,
    long? DeploymentId,
    JsonObject Payload,
    string PrevHash,
    string Hash);

/// <summary>The outcome of <see cref="EventLog.VerifyChainAsync"/>.</summary>
/// <param name="EventsChecked">How many events were read.</param>
/// <param name="BrokenEventId">The first event whose hash or link does not match, or null when the chain is intact.</param>
/// <param name="Problem">What does not match, for the broken event.</param>
public sealed record ChainVerification(long EventsChecked, long? BrokenEventId, string? Problem)
{
    /// <summary>True when every event links to its predecessor and its hash matches its contents.</summary>
    public bool IsValid => BrokenEventId is null;
}

/// <summary>The event types the ledger appends.</summary>
public static class LedgerEventTypes
{
    /// <summary>A deployment started.</summary>
    public const string DeploymentStarted = "deployment.started";
    /// <summary>A deployment reached a final state.</summary>
    public const string DeploymentFinished = "deployment.finished";
    /// <summary>A phase started.</summary>
    public const string PhaseStarted = "phase.started";
    /// <summary>A phase finished.</summary>
    public const string PhaseFinished = "phase.finished";
    /// <summary>A step started.</summary>
    public const string StepStarted = "step.started";
    /// <summary>A step finished.</summary>
    public const string StepFinished = "step.finished";
    /// <summary>A backup was recorded.</summary>
    public const string BackupRecorded = "backup.recorded";
    /// <summary>Retention deleted a backup.</summary>
    public const string BackupDeleted = "backup.deleted";
    /// <summary>A restore's database swap reached a stage.</summary>
    public const string RestoreStage = "restore.stage";
    /// <summary>A checklist item was marked.</summary>
    public const string ChecklistMarked = "checklist.marked";
    /// <summary>A run took an environment's lock.</summary>
    public const string EnvironmentLocked = "environment.locked";
    /// <summary>A run released an environment's lock.</summary>
    public const string EnvironmentReleased = "environment.released";
}
