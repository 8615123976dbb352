using Runway.Targets;

/// <summary>Where the adopting repository keeps what Runway deploys (paths relative to the root).</summary>
sealed partial class Build
{
    [Parameter("The service project the local profile publishes and runs")]
    readonly string ServiceProject = "src/Runway.Sample/Runway.Sample.csproj";

    [Parameter("The router project the local profile runs")]
    readonly string RouterProject = "src/Runway.Router/Runway.Router.csproj";

    [Parameter("The application's migration scripts (V<version>__<name>.sql, R__<name>.sql)")]
    readonly string MigrationsDirectory = "deploy/migrations";

    [Parameter("The team's checklist, in Markdown")]
    readonly string ChecklistFile = "deploy/checklist.md";

    [Parameter("The smoke probes")]
    readonly string SmokeFile = "deploy/smoke.json";
}
