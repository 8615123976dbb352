/// <summary>What the engine must know about this build beyond its targets and parameters.</summary>
sealed partial class Build
{
    /// <summary>`--json` makes standard output data: the engine's frames and summary then go to standard error.</summary>
    protected override bool OutputIsData => Json;

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
    ];
}
