using Runway.Canary;
using Runway.Environments.Command;
using Runway.GitHub;

namespace Runway.Phases;

/// <summary>Everything a deployment run is told: the build's parameters, resolved. Paths may be relative to the root.</summary>
public sealed record PipelineSettings
{
    /// <summary>The adopting repository's root (holds <c>.nuke/</c> and <c>deploy/</c>).</summary>
    public required string RootDirectory { get; init; }

    /// <summary>Runway's working folder (<c>.nuke/temp</c>): local cluster, releases, backups, reports.</summary>
    public required string TemporaryDirectory { get; init; }

    /// <summary>The environment deployed to.</summary>
    public required string Environment { get; init; }

    /// <summary>The release deployed.</summary>
    public required string Release { get; init; }

    /// <summary>Where <see cref="Release"/> came from, for messages (e.g. <c>--version on the command line</c>).</summary>
    public string ReleaseOrigin { get; init; } = "the settings";

    /// <summary>Allows deploying an older release than the live one.</summary>
    public bool AllowDowngrade { get; init; }

    /// <summary>Who runs this (a person, or a CI job).</summary>
    public required string StartedBy { get; init; }

    /// <summary>True in a terminal a person can answer; false in CI.</summary>
    public bool Interactive { get; init; }

    /// <summary>Asks the person at the terminal a yes/no question (used only when <see cref="Interactive"/>).</summary>
    public Func<string, bool>? Confirm { get; init; }

    /// <summary>The service project the local topology publishes.</summary>
    public string ServiceProject { get; init; } = "src/Runway.Sample/Runway.Sample.csproj";

    /// <summary>The router project the local topology runs.</summary>
    public string RouterProject { get; init; } = "src/Runway.Router/Runway.Router.csproj";

    /// <summary>The application's migration scripts.</summary>
    public string MigrationsDirectory { get; init; } = "deploy/migrations";

    /// <summary>The team's checklist.</summary>
    public string ChecklistFile { get; init; } = "deploy/checklist.md";

    /// <summary>The smoke probes.</summary>
    public string SmokeFile { get; init; } = "deploy/smoke.json";

    /// <summary>The ledger's connection string; null starts the local cluster.</summary>
    public string? LedgerConnectionString { get; init; }

    /// <summary>The environment's application database; null uses the local cluster.</summary>
    public string? DatabaseConnectionString { get; init; }

    /// <summary>The staging application database, with <see cref="Commands"/>; null skips staging there.</summary>
    public string? StagingDatabaseConnectionString { get; init; }

    /// <summary>The local cluster's port.</summary>
    public int PostgresPort { get; init; } = 55432;

    /// <summary>The local router's ports, and staging's.</summary>
    public int RouterPort { get; init; } = 5080;

    /// <summary>The local router's admin port.</summary>
    public int RouterAdminPort { get; init; } = 5081;

    /// <summary>The local staging router's port.</summary>
    public int StagingRouterPort { get; init; } = 5090;

    /// <summary>The local staging router's admin port.</summary>
    public int StagingRouterAdminPort { get; init; } = 5091;

    /// <summary>Replicas per release pool locally.</summary>
    public int Replicas { get; init; } = 4;

    /// <summary>Replicas of the staging pool locally.</summary>
    public int StagingReplicas { get; init; } = 2;

    /// <summary>Makes the deployed release answer 500 to this fraction of API requests (to show a bad canary).</summary>
    public double SampleErrorRate { get; init; }

    /// <summary>Adds latency to the deployed release's API requests.</summary>
    public int SampleExtraLatencyMs { get; init; }

    /// <summary>The service's contract and the production pieces the profile chooses by name.</summary>
    public Runway.Service.ServiceSettings Service { get; init; } = new();

    /// <summary>The team's commands, for an environment driven by scripts; null means the local topology.</summary>
    public CommandEnvironmentOptions? Commands { get; init; }

    /// <summary>The canary's share of traffic, in percent.</summary>
    public int CanaryWeight { get; init; } = 10;

    /// <summary>Bake and statistical thresholds.</summary>
    public CanaryOptions Canary { get; init; } = new();

    /// <summary>What a release must stay within when it has no baseline to be compared with (its first deployment).</summary>
    public AbsoluteLimits Limits { get; init; } = new();

    /// <summary>Runs a synthetic load through the router during the bake (local).</summary>
    public bool SyntheticLoad { get; init; }

    /// <summary>The synthetic load's rate.</summary>
    public double LoadRequestsPerSecond { get; init; } = 60;

    /// <summary>A bearer token for the service's API (smoke probes, load); minted locally when null.</summary>
    public string? ServiceToken { get; init; }

    /// <summary>When set, sign-off items (and items whose check this profile cannot run) are waived with this reason.</summary>
    public string? WaiveSignOffs { get; init; }

    /// <summary>Environment variables the release's processes must get (checked in Preparation; names only are recorded).</summary>
    public IReadOnlyList<string> RequiredEnvironmentVariables { get; init; } = [];

    /// <summary>How many backups to keep (protected ones are always kept).</summary>
    public int KeepBackups { get; init; } = 10;

    /// <summary>Where verified backups are uploaded (a directory or <c>s3://bucket/prefix</c>); null: they stay on the runner.</summary>
    public Database.Backups.Repository.BackupRepositoryOptions? BackupRepository { get; init; }

    /// <summary>Rollback: restore the database even when the forecast says the restore would lose writes made since the backup.</summary>
    public bool RestoreDatabase { get; init; }

    /// <summary>How long the local router keeps a run's traffic without the run renewing its lease (zero: no lease).</summary>
    public TimeSpan TrafficLease { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Secret values, to prove the logs free of them.</summary>
    public IReadOnlyList<string> SecretValues { get; init; } = [];

    /// <summary>The exact parameter values of the run (secrets masked), recorded with the deployment it starts.</summary>
    public IReadOnlyDictionary<string, string?>? Parameters { get; init; }

    /// <summary>GitHub, when configured; null turns every GitHub step and status off (the local profile).</summary>
    public GitHubOptions? GitHub { get; init; }

    /// <summary>The CI run doing this work (e.g. the GitHub Actions run), linked from GitHub deployment statuses; null outside CI.</summary>
    public Uri? CiRunUrl { get; init; }

    /// <summary>What the release gate requires and may change (tag creation, blocking label), when GitHub is configured.</summary>
    public ReleaseGateOptions ReleaseGate { get; init; } = new();

    /// <summary><paramref name="path"/> made absolute against the root.</summary>
    public string Resolve(string path) => Path.GetFullPath(path, RootDirectory);
}
