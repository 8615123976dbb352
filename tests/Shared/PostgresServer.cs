using Npgsql;
using Runway.Database;
using Serilog.Core;
using Xunit;

namespace Runway.Testing;

/// <summary>
/// A real, throwaway PostgreSQL 15 cluster for one test run: started once for every class in the
/// <c>postgres</c> collection, stopped and deleted at the end. Each test asks for a fresh database.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "runway-tests-pg-" + Guid.NewGuid().ToString("N")[..8]);
    private int _databases;

    public LocalCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = new LocalCluster(new LocalClusterOptions(_directory, FreePort(), Durable: false), PostgresBinaries.Default, Logger.None);
        await Cluster.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAsync();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid().ToString("N")[..6]}";
        await Cluster.EnsureDatabaseAsync(name);
        return Cluster.ConnectionString(name);
    }

    /// <summary>A data source for a fresh database.</summary>
    public async Task<NpgsqlDataSource> CreateDataSourceAsync(string prefix = "test") =>
        NpgsqlDataSource.Create(await CreateDatabaseAsync(prefix));

    /// <summary>Runs <paramref name="sql"/> as the cluster's superuser (roles, privileges, dropping a database).</summary>
    public async Task AsAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Cluster.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A loopback port for a server a test starts (see <see cref="TestPorts"/>).</summary>
    public static int FreePort() => TestPorts.Free();
}

[CollectionDefinition("postgres")]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>;
