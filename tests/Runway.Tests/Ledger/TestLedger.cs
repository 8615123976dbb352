using Npgsql;
using Runway.Ledger;
using Runway.Testing;
using Serilog.Core;

namespace Runway.Tests.Ledger;

/// <summary>A ledger over a fresh database of the test cluster, with every part wired up.</summary>
internal sealed class TestLedger : IAsyncDisposable
{
    private TestLedger(NpgsqlDataSource dataSource, string connectionString)
    {
        DataSource = dataSource;
        ConnectionString = connectionString;
        Database = new LedgerDatabase(dataSource, Clock, Logger.None);
        Deployments = new DeploymentLedger(Database);
        Backups = new BackupLedger(Database);
        Marks = new ChecklistMarks(Database);
        Events = new EventLog(Database);
    }

    public SteppingClock Clock { get; } = new();
    public NpgsqlDataSource DataSource { get; }
    public string ConnectionString { get; }
    public LedgerDatabase Database { get; }
    public DeploymentLedger Deployments { get; }
    public BackupLedger Backups { get; }
    public ChecklistMarks Marks { get; }
    public EventLog Events { get; }

    public static async Task<TestLedger> CreateAsync(PostgresServer server)
    {
        var connectionString = await server.CreateDatabaseAsync("ledger");
        return new TestLedger(NpgsqlDataSource.Create(connectionString), connectionString);
    }

    /// <summary>Starts a deployment of <paramref name="release"/> to <paramref name="environment"/>.</summary>
    public Task<Deployment> StartAsync(string environment = "production", string release = "1.0.0") =>
        Deployments.StartDeploymentAsync(new DeploymentStart(environment, release, "alice", "build-7"));

    /// <summary>Runs a whole deployment with the given phases succeeded, ending in <paramref name="state"/>.</summary>
    public async Task<Deployment> RunAsync(string environment, string release, DeploymentState state, params string[] succeededPhases)
    {
        var deployment = await StartAsync(environment, release);
        foreach (var phase in succeededPhases)
        {
            await Deployments.StartPhaseAsync(deployment.Id, phase);
            await Deployments.FinishPhaseAsync(deployment.Id, phase, WorkStatus.Succeeded);
        }
        return await Deployments.FinishDeploymentAsync(deployment.Id, state, state == DeploymentState.Succeeded ? null : "test");
    }

    /// <summary>Runs one SQL statement outside the ledger, as an operator (or an attacker) would.</summary>
    public async Task<object?> ScalarAsync(string sql, params object[] values)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return await command.ExecuteScalarAsync();
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
