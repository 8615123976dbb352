using Runway.Targets;

/// <summary>Runway's build: the phases of a deployment as targets. Parameters and lifecycle here; targets in partial files.</summary>
sealed partial class Build : BuildBase
{
    public static int Main() => Execute<Build>(x => x.Deploy);

    [Parameter("the release to deploy, e.g. 2.4.0")]
    readonly string? Version = null;

    [Parameter("the environment to deploy to")]
    readonly string Environment = "local";

    [Parameter("roll back automatically when a phase fails")]
    readonly bool AutoRollback = true;

    protected override void OnBuildInitialized() =>
        Logger.Information("Runway run {RunId}: environment {Environment}, release {Version}, auto-rollback {AutoRollback}",
            RunId, Environment, Version ?? "(not set)", AutoRollback);
}
