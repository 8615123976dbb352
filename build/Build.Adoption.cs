using Runway.Targets;

/// <summary>Where the adopting repository keeps what Runway deploys (paths relative to the root).</summary>
sealed partial class Build
{
    // No default: the sample's project is named by the sample's own profile (local), never assumed for another service.
    [Parameter("The service project the local pool runtime publishes and runs (set it in the local profile)")]
    readonly string ServiceProject = "";

    [Parameter("The router project the local profile runs")]
    readonly string RouterProject = "src/Runway.Router/Runway.Router.csproj";

    [Parameter("The application's migration scripts (V<version>__<name>.sql, R__<name>.sql)")]
    readonly string MigrationsDirectory = "deploy/migrations";

    [Parameter("The team's checklist, in Markdown")]
    readonly string ChecklistFile = "deploy/checklist.md";

    [Parameter("The smoke probes")]
    readonly string SmokeFile = "deploy/smoke.json";

    /// <summary>
    /// The files a run reads, as its parameters name them (relative to the root): every target that opens the
    /// environment reads the checklist and the contract (and, locally, knows its replicas by the service project);
    /// only the phases and rollback (<paramref name="phases"/>) also run smoke probes and migrations.
    /// </summary>
    internal IReadOnlyList<DeployFiles.Input> DeployInputs(bool phases) =>
    [
        new(nameof(ChecklistFile), "checklist-file", ChecklistFile),
        new(nameof(ServiceFile), "service-file", ServiceFile),
        // Only the local runtime builds the service; a command runtime's scripts deploy it however the team does.
        .. Runway.Environments.TopologyFactory.Kind(Settings).Runtime == "local"
            ? new DeployFiles.Input[] { new(nameof(ServiceProject), "service-project", ServiceProject) }
            : [],
        .. phases
            ? new DeployFiles.Input[] { new(nameof(SmokeFile), "smoke-file", SmokeFile), new(nameof(MigrationsDirectory), "migrations-directory", MigrationsDirectory, IsFolder: true) }
            : [],
    ];
}

/// <summary>The service's contract, and the production pieces a profile chooses by name.</summary>
sealed partial class Build
{
    [Parameter("The service contract: health, warm-up/load request, auth, tools, metrics")]
    readonly string ServiceFile = Runway.Service.ServiceContractFile.DefaultPath;

    [Parameter("Where pools run: local or commands (unset: commands when the commands are given)")]
    readonly string? PoolRuntime = null;

    [Parameter("What splits traffic: local, commands or haproxy (unset: as the pool runtime)")]
    readonly string? TrafficRouter = null;

    [Parameter("Where the canary reads metrics: scrape (each instance) or prometheus")]
    readonly string MetricsSource = "scrape";

    [Parameter("The Prometheus server's URL, for --metrics-source prometheus")]
    readonly string? PrometheusUrl = null;

    [Parameter("HAProxy's admin socket (path or host:port), for --traffic-router haproxy")]
    readonly string? HaproxySocket = null;

    [Parameter("The HAProxy backend whose server-template slots hold the pools")]
    readonly string HaproxyBackend = "service";

    [Parameter("The URL users reach through HAProxy")]
    readonly string? HaproxyUrl = null;

    [Parameter("Runway can reach each instance's URL (warm-up, per-instance checks, the scrape source); false: only through the environment's URL")]
    readonly bool InstancesReachable = true;

    [Parameter("Staging's application database, for pools run by commands: set, staging is the same commands with RUNWAY_ENVIRONMENT=staging"), Secret]
    readonly string? StagingDatabaseConnectionString = null;

    [Parameter("The HAProxy backend whose server-template slots hold staging's pools")]
    readonly string StagingHaproxyBackend = "staging";

    [Parameter("The URL staging answers on through HAProxy, for --traffic-router haproxy with staging")]
    readonly string? StagingHaproxyUrl = null;

    Runway.Service.ServiceSettings ServiceSettings => new()
    {
        ServiceFile = ServiceFile,
        PoolRuntime = Blank(PoolRuntime),
        TrafficRouter = Blank(TrafficRouter),
        MetricsSource = MetricsSource,
        PrometheusUrl = Blank(PrometheusUrl) is { } prometheus ? new Uri(prometheus.EndsWith('/') ? prometheus : prometheus + "/") : null,
        HAProxySocket = Blank(HaproxySocket),
        HAProxyBackend = HaproxyBackend,
        HAProxyUrl = Blank(HaproxyUrl) is { } url ? new Uri(url) : null,
        InstancesReachable = InstancesReachable,
        StagingHAProxyBackend = StagingHaproxyBackend,
        StagingHAProxyUrl = Blank(StagingHaproxyUrl) is { } stagingUrl ? new Uri(stagingUrl) : null,
    };

    [Parameter("Init: the kind of profile to write: local, commands or haproxy-prometheus")]
    readonly string InitKind = "commands";

    [Parameter("Init: the profile's name (.nuke/parameters.<name>.json); default production, or local for --init-kind local")]
    readonly string? InitProfile = null;

    Target Init => _ => _
        .Description("Writes a neutral deploy/ (service contract, smoke probes, checklist, migrations folder) and a profile skeleton; never overwrites")
        .Executes(token =>
        {
            var profile = Blank(InitProfile) ?? (InitKind == "local" ? "local" : "production");
            foreach (var file in Runway.Service.Init.RepositoryInit.Write(RootDirectory, InitKind, profile))
                Logger.Information("Wrote {File}", file);
            // A profile named as a default one runs with no --profile at all: say the shorter command.
            var deploy = DefaultProfiles.Contains(profile) ? "./build.sh Deploy --version 1.0.0" : $"./build.sh Deploy --profile {profile} --version 1.0.0";
            Logger.Information("Next: describe your service in deploy/service.json, then {Command}", deploy);
            return Task.CompletedTask;
        });
}
