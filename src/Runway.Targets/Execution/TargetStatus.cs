namespace Runway.Targets.Execution;

/// <summary>How a scheduled target ended.</summary>
internal enum TargetStatus
{
    Succeeded,
    Failed,
    Skipped,
    NotRun,
    Aborted,
    Refused,
}

/// <summary>One row of the summary: a target, how it ended, why it was skipped, how long it took.</summary>
internal sealed record TargetResult(string Name, TargetStatus Status, TimeSpan? Duration, string? Reason = null)
{
    /// <summary>Only these let the build succeed.</summary>
    public bool IsFine => Status is TargetStatus.Succeeded or TargetStatus.Skipped;
}
