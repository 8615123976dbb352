using Npgsql;
using Runway.Database;
using Runway.Testing;
using Serilog.Core;
using Shouldly;
using Xunit;

namespace Runway.Tests.Database;

[Collection("postgres")]
public sealed class LocalClusterTests(PostgresServer server)
{
    [Fact]
    public async Task StartAsync_WhenAlreadyRunning_LeavesTheServerUp()
    {
        await server.Cluster.StartAsync();

        (await server.Cluster.IsRunningAsync()).ShouldBeTrue();
    }

    [Fact]
    public async Task EnsureDatabaseAsync_CreatesOnceAndAcceptsRepeats()
    {
        await server.Cluster.EnsureDatabaseAsync("repeated_db");
        await server.Cluster.EnsureDatabaseAsync("repeated_db");

        await using var connection = new NpgsqlConnection(server.Cluster.ConnectionString("repeated_db"));
        await connection.OpenAsync();
        connection.Database.ShouldBe("repeated_db");
    }

    [Fact]
    public async Task EnsureDatabaseAsync_InvalidName_IsRefusedWithTheRule()
    {
        var error = await Should.ThrowAsync<ArgumentException>(() => server.Cluster.EnsureDatabaseAsync("bad\"; DROP"));

        error.Message.ShouldContain("lower-case letters");
    }

    [Fact]
    public async Task StartAsync_AfterAStop_ReusesTheSameData()
    {
        var directory = Path.Combine(Path.GetTempPath(), "runway-restart-" + Guid.NewGuid().ToString("N")[..8]);
        var cluster = new LocalCluster(new LocalClusterOptions(directory, PostgresServer.FreePort(), Durable: false), PostgresBinaries.Default, Logger.None);
        try
        {
            await cluster.StartAsync();
            await cluster.EnsureDatabaseAsync("kept");
            await cluster.StopAsync();
            (await cluster.IsRunningAsync()).ShouldBeFalse();

            await cluster.StartAsync();

            await using var connection = new NpgsqlConnection(cluster.ConnectionString("kept"));
            await connection.OpenAsync();
        }
        finally
        {
            await cluster.StopAsync();
            Directory.Delete(directory, recursive: true);
        }
    }
}
