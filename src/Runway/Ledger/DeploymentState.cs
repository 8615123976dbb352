namespace Runway.Ledger;

/// <summary>Where a deployment stands.</summary>
public enum DeploymentState
{
    /// <summary>In progress, or crashed and waiting to be resumed or aborted.</summary>
    Running,

    /// <summary>Every phase succeeded.</summary>
    Succeeded,

    /// <summary>A phase failed and the deployment stopped.</summary>
    Failed,

    /// <summary>The previous release was restored.</summary>
    RolledBack,

    /// <summary>Abandoned by a person, e.g. after a crash.</summary>
    Aborted,
}

/// <summary>Where a phase or a step stands.</summary>
public enum WorkStatus
{
    /// <summary>Started, not finished (or its run crashed).</summary>
    Running,

    /// <summary>Finished without error.</summary>
    Succeeded,

    /// <summary>Finished with an error.</summary>
    Failed,

    /// <summary>Not needed this time, with a reason in the error field.</summary>
    Skipped,
}
