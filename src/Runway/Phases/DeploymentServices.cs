using Npgsql;
using Runway.Checklists;
using Runway.Database.Backups;
using Runway.Environments;
using Runway.Environments.Local;
using Runway.GitHub;
using Runway.Ledger;
using Runway.Processes;
using Runway.Service;
using Runway.Service.Metrics;
using Serilog;

namespace Runway.Phases;

/// <summary>
/// The services one run works with, made once from the settings and closed at its end: the topology (which, locally,
/// starts the PostgreSQL cluster), the ledger, the environment, backups and the checklist. No phase takes them whole:
/// <see cref="Phases"/> gives each phase the pieces it uses.
/// </summary>
public sealed class DeploymentServices : IAsyncDisposable
{
    private DeploymentServices(PipelineSettings settings, Topology topology, Checklist checklist, HttpClient http, TimeProvider time, ILogger logger)
    {
        Settings = settings;
        Topology = topology;
        Http = http;
        Time = time;
        Logger = logger;
        LedgerSource = NpgsqlDataSource.Create(topology.LedgerConnectionString);
        LedgerDatabase = new LedgerDatabase(LedgerSource, time, logger)
        {
            Masker = new SecretMasker([.. settings.SecretValues, topology.LedgerConnectionString, topology.DatabaseConnectionString, topology.ServiceToken,
                settings.BackupRepository?.AccessKey, settings.BackupRepository?.SecretKey]),
        };
        Deployments = new DeploymentLedger(LedgerDatabase);
        Backups = new BackupLedger(LedgerDatabase);
        Marks = new ChecklistMarks(LedgerDatabase);
        Events = new EventLog(LedgerDatabase);
        BackupOptions = new BackupOptions { Directory = Path.Combine(settings.TemporaryDirectory, "backups", settings.Environment) };
        BackupStore = new BackupStore(BackupOptions, logger, time);
        BackupRepository = settings.BackupRepository?.Create();
        Checklist = new DeploymentChecklist(checklist, Marks, settings.Environment, time, logger);
        Session = new DeploymentSession(LedgerDatabase, Deployments, settings.Environment, settings.StartedBy, logger,
            (topology.Environment as LocalEnvironment)?.Router, settings.TrafficLease) { RunParameters = settings.Parameters };
        // Every change to the environment re-verifies this run's lock first.
        Environment = new LockedEnvironment(topology.Environment, Session);
        GitHub = settings.GitHub is { } github ? GitHubConnection.Create(github, time, logger) : null;
        Service = new ServiceAccess(http, () => ServiceContractFile.Load(settings.Resolve(settings.Service.ServiceFile)), topology.ServiceToken,
            settings.Service.InstancesReachable);
        Metrics = environment => MetricSources.Create(settings.Service, Service.Contract, environment, http, time);
        Database = new ServiceDatabase(topology.DatabaseConnectionString, settings.Resolve(settings.MigrationsDirectory), BackupStore, BackupOptions,
            BackupRepository, Backups, new RestoreLedger(LedgerDatabase), settings.KeepBackups);
        Phases = new PhaseComposition(this);
    }

    /// <summary>How to reach the service, and its contract (read on first use).</summary>
    public ServiceAccess Service { get; }

    /// <summary>Makes a fresh metric source of the profile's kind for an environment.</summary>
    public MetricSourceFactory Metrics { get; }

    /// <summary>The service's database, where its backups go and the ledger's records of them.</summary>
    public ServiceDatabase Database { get; }

    /// <summary>Makes each phase with the pieces it uses.</summary>
    public PhaseComposition Phases { get; }

    public PipelineSettings Settings { get; }
    public Topology Topology { get; }
    public HttpClient Http { get; }
    public TimeProvider Time { get; }
    public ILogger Logger { get; }
    public NpgsqlDataSource LedgerSource { get; }
    public LedgerDatabase LedgerDatabase { get; }
    public DeploymentLedger Deployments { get; }
    public BackupLedger Backups { get; }
    public ChecklistMarks Marks { get; }
    public EventLog Events { get; }
    public BackupOptions BackupOptions { get; }
    public BackupStore BackupStore { get; }

    /// <summary>Where verified backups are uploaded so that any runner can restore them (<c>--backup-repository</c>); null: the runner's disk only.</summary>
    public Database.Backups.Repository.IBackupRepository? BackupRepository { get; }
    public DeploymentChecklist Checklist { get; }
    public DeploymentSession Session { get; }

    /// <summary>The connection to GitHub (one per run, so its circuit breaker sees every call); null when GitHub is off.</summary>
    public GitHubConnection? GitHub { get; }

    /// <summary>The environment deployed to; changes re-verify the run's lock.</summary>
    public LockedEnvironment Environment { get; }

    /// <summary>Makes the services; locally this starts (or reuses) the cluster and its databases.</summary>
    public static async Task<DeploymentServices> CreateAsync(PipelineSettings settings, Action<ProcessResult> recordCommand, ILogger logger, CancellationToken cancellationToken)
    {
        var checklist = await ChecklistParser.ParseFileAsync(settings.Resolve(settings.ChecklistFile), cancellationToken).ConfigureAwait(false);
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var topology = await TopologyFactory.CreateAsync(settings, http, recordCommand, logger, cancellationToken).ConfigureAwait(false);
        return new DeploymentServices(settings, topology, checklist, http, TimeProvider.System, logger);
    }

    /// <summary>Releases the environment and closes the connections.</summary>
    public async ValueTask DisposeAsync()
    {
        await Session.DisposeAsync().ConfigureAwait(false);
        (BackupRepository as IDisposable)?.Dispose();
        await LedgerSource.DisposeAsync().ConfigureAwait(false);
        Http.Dispose();
    }
}
