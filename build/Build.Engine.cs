using Runway.Targets;

/// <summary>What the engine must know about this build beyond its targets and parameters.</summary>
sealed partial class Build
{
    [Parameter("How many run logs .nuke/temp/logs keeps, the newest (this run's included); older ones are deleted when a run starts")]
    readonly int KeepLogs = 30;

    /// <summary>Read before the run's log is opened and old ones deleted: bad input is refused before anything is deleted.</summary>
    protected override int LogsToKeep => KeepLogs >= 1
        ? KeepLogs
        : throw new Runway.Targets.Parameters.ParameterException(
            $"Refused before anything started: --keep-logs is {KeepLogs} (from {ParameterOrigin(nameof(KeepLogs))}); it must be at least 1 " +
            "(this run's own log counts). Fix the value where it comes from and run again.");

    /// <summary>`--json` makes standard output data: the engine's frames and summary then go to standard error.</summary>
    protected override bool OutputIsData => Json;

    /// <summary>Another run holds the environment: this run was refused before it changed anything, which is no phase failing.</summary>
    protected override bool IsRefusal(Exception error) =>
        error is Runway.Ledger.EnvironmentLockedException || error.InnerException is Runway.Ledger.EnvironmentLockedException;

    /// <summary>
    /// RUNWAY_* variables that are no parameter: the snapshot switch the tests read (`RUNWAY_UPDATE_SNAPSHOTS=1
    /// ./build.sh Test`), and those Runway sets for the processes it starts (the router's RUNWAY_ROUTER_*, a
    /// detached process's log, a platform command's environment, release, weights and action), which may reach a nested run,
    /// and the test-only fault switch of the database restore (see RestoreFaults).
    /// </summary>
    protected override IReadOnlyCollection<string> AcceptedVariables =>
    [
        "RUNWAY_UPDATE_SNAPSHOTS", "RUNWAY_DETACHED_LOG",
        "RUNWAY_ROUTER_PORT", "RUNWAY_ROUTER_ADMIN_PORT", "RUNWAY_ROUTER_STATE_FILE", "RUNWAY_ROUTER_TOKEN_FILE", "RUNWAY_ROUTER_DRAIN_TIMEOUT",
        "RUNWAY_ENVIRONMENT", "RUNWAY_RELEASE", "RUNWAY_WEIGHTS", "RUNWAY_ACTION",
        "RUNWAY_TEST_KILL_RESTORE_AT", // test only: the restore fault points (src/Runway/Database/Backups/RestoreFaults.cs)
        "RUNWAY_E2E_TIMEOUT_MINUTES", // test only: stretches the end-to-end runs on a loaded machine (tests/Runway.Tests/EndToEnd/Support)
    ];
}
