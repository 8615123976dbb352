using Runway.GitHub;
using Runway.Targets;
using Runway.Phases;

/// <summary>The deployment services, made on first use (so --help and --plan start nothing) and closed at the end.</summary>
sealed partial class Build
{
    [Parameter("A first deployment (no baseline to compare with) fails its bake above this error rate")]
    readonly double ErrorRateLimit = 0.01;

    [Parameter("A first deployment (no baseline to compare with) fails its bake when its p95 latency exceeds this")]
    readonly TimeSpan LatencyLimit = TimeSpan.FromSeconds(1);

    [Parameter("Allows deploying an older release than the live one (refused otherwise)")]
    readonly bool AllowDowngrade = false;

    DeploymentServices? _services;
    DeploymentPipeline? _pipeline;

    PipelineSettings Settings => new()
    {
        RootDirectory = RootDirectory,
        TemporaryDirectory = TemporaryDirectory,
        Environment = Environment,
        Release = Version ?? "",
        ReleaseOrigin = ParameterOrigin(nameof(Version)),
        AllowDowngrade = AllowDowngrade,
        StartedBy = StartedBy ?? System.Environment.UserName,
        Interactive = IsInteractive,
        Confirm = Ask,
        LedgerConnectionString = Blank(LedgerConnectionString),
        DatabaseConnectionString = Blank(DatabaseConnectionString),
        StagingDatabaseConnectionString = Blank(StagingDatabaseConnectionString),
        ServiceToken = Blank(ServiceToken),
        WaiveSignOffs = Blank(WaiveSignOffs),
        RequiredEnvironmentVariables = RequiredEnvironmentVariables,
        TrafficLease = TrafficLease,
        SecretValues = SecretValues,
        Parameters = ParameterValues,
        RestoreDatabase = RestoreDatabase,
        BackupRepository = Blank(BackupRepository) is { } repository
            ? new(repository, Blank(BackupRepositoryEndpoint), Blank(BackupRepositoryAccessKey), Blank(BackupRepositorySecretKey)) : null,
        KeepBackups = KeepBackups,
        PostgresPort = PostgresPort,
        RouterPort = RouterPort,
        RouterAdminPort = RouterAdminPort,
        StagingRouterPort = StagingRouterPort,
        StagingRouterAdminPort = StagingRouterAdminPort,
        Replicas = Replicas,
        SampleErrorRate = SampleErrorRate,
        SampleExtraLatencyMs = SampleExtraLatencyMs,
        SyntheticLoad = SyntheticLoad,
        LoadRequestsPerSecond = LoadRate,
        CanaryWeight = CanaryWeight,
        Canary = CanaryOptions,
        Limits = new() { MaxErrorRate = ErrorRateLimit, MaxLatency = LatencyLimit, MinRequests = MinRequests },
        Commands = Commands,
        Service = ServiceSettings,
        ServiceProject = ServiceProject,
        RouterProject = RouterProject,
        MigrationsDirectory = MigrationsDirectory,
        ChecklistFile = ChecklistFile,
        SmokeFile = SmokeFile,
        GitHub = GitHub,
        ReleaseGate = ReleaseGate,
        CiRunUrl = ActionsRunUrl,
    };

    // Every parameter's range is checked before any target starts anything (cluster, lock, pools, ledger).
    protected override void OnBuildInitialized() => SettingsValidation.Validate(Settings, ParameterOrigin);

    async Task<DeploymentServices> ServicesAsync(CancellationToken cancellationToken)
    {
        if (_services is null)
        {
            DeployFiles.EnsureExist(RootDirectory, DeployInputs(phases: false), ParameterOrigin);
            await ConnectionCheck.EnsureReachableAsync(Settings, ParameterOrigin, cancellationToken);
        }
        return await CreateServicesAsync(cancellationToken);
    }

    async Task<DeploymentServices> CreateServicesAsync(CancellationToken cancellationToken) =>
        _services ??= await DeploymentServices.CreateAsync(Settings,
            run => Logger.Information("Command {Command} exited with {ExitCode} in {Duration}", run.Spec.FileName, run.ExitCode, run.Duration),
            Logger, cancellationToken);

    async Task<DeploymentPipeline> PipelineAsync(CancellationToken cancellationToken)
    {
        if (_pipeline is not null) return _pipeline;
        DeployFiles.EnsureExist(RootDirectory, DeployInputs(phases: true), ParameterOrigin);
        await DeployFiles.EnsureReadableAsync(RootDirectory, DeployInputs(phases: true), ParameterOrigin, cancellationToken);
        var services = await ServicesAsync(cancellationToken);
        return _pipeline = new DeploymentPipeline(services, services.GitHub is { } github ? new GitHubDeploymentObserver(services, github) : null);
    }

    void DisposeServices() => _services?.DisposeAsync().AsTask().GetAwaiter().GetResult();

    static bool Ask(string question)
    {
        Console.Write($"{question} [y/N] ");
        return Console.ReadLine()?.Trim().ToLowerInvariant() is "y" or "yes";
    }

    static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
