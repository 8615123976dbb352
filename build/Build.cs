using Runway.Targets;

/// <summary>
/// Runway's build: the phases of a deployment as targets. Parameters and lifecycle here; targets in the partial
/// files by concern (Deployment, Operations, Checklist, Test). Targets stay thin and call into src/Runway.
/// </summary>
sealed partial class Build : BuildBase
{
    public static int Main() => Execute<Build>(x => x.Deploy);

    [Parameter("The release to deploy, e.g. 2.4.0")]
    readonly string? Version = null;

    [Parameter("The environment to deploy to")]
    readonly string Environment = "local";

    [Parameter("Roll back automatically when a phase of this run fails")]
    readonly bool AutoRollback = true;

    [Parameter("Who runs this deployment (recorded in the ledger); defaults to the user name")]
    readonly string? StartedBy = null;

    // Databases: none needed locally, where Runway starts its own cluster.
    [Parameter("The ledger's PostgreSQL connection string (empty: the local cluster)"), Secret]
    readonly string? LedgerConnectionString = null;

    [Parameter("The environment's application database connection string (empty: the local cluster)"), Secret]
    readonly string? DatabaseConnectionString = null;

    [Parameter("A bearer token for the service's API, used by smoke probes and load (empty locally: minted)"), Secret]
    readonly string? ServiceToken = null;

    [Parameter("When set, checklist items that need a person are waived with this reason (the report shows them as waived)")]
    readonly string? WaiveSignOffs = null;

    [Parameter("Environment variables the release's processes must get (checked in Preparation; only names are recorded)")]
    readonly string[] RequiredEnvironmentVariables = [];

    [Parameter("Rollback: restore the database from the pre-migration backup even though the forecast says writes made since would be lost (the safety dump keeps them)")]
    readonly bool RestoreDatabase = false;

    [Parameter("Where verified backups are uploaded so that any runner can restore them: a directory (a shared mount) or s3://bucket/prefix")]
    readonly string? BackupRepository = null;

    [Parameter("The S3-compatible server of --backup-repository s3://… (empty: AWS)"), Secret]
    readonly string? BackupRepositoryEndpoint = null;

    [Parameter("The access key id for --backup-repository s3://… (empty: the AWS SDK's default credentials)"), Secret]
    readonly string? BackupRepositoryAccessKey = null;

    [Parameter("The secret access key for --backup-repository s3://…"), Secret]
    readonly string? BackupRepositorySecretKey = null;

    [Parameter("How many regular backups per database retention keeps, on this runner and in --backup-repository (those a deployment may still need, and safety dumps, are always kept)")]
    readonly int KeepBackups = 10;

    [Parameter("How long the local router keeps this run's canary or rollout traffic if the run dies without renewing its lease; then traffic returns to the stable release (0: no lease)")]
    readonly TimeSpan TrafficLease = TimeSpan.FromSeconds(60);

    [Parameter("Down: stop the environment even though the ledger shows a deployment Running (it first takes the lock, so never under a live run)")]
    readonly bool Force = false;

    // A run cancelled between phases has no phase to catch it: abort its deployment here, traffic first, then let go.
    protected override void OnBuildFinished(bool succeeded)
    {
        _pipeline?.AbortIfCancelledAsync().GetAwaiter().GetResult();
        DisposeServices();
    }
}
