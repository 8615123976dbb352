using Npgsql;
using Runway.Database.Backups;
using Runway.Database.Forecast;
using Runway.Testing;
using Serilog.Core;
using Shouldly;
using Xunit;

namespace Runway.Tests.Database.Backups;

/// <summary>A swap killed at each stage, as the server is left by it, and the repair a rerun does from the journal's names.</summary>
[Collection("postgres")]
public sealed class RestoreRecoveryTests(PostgresServer server)
{
    [Fact]
    public async Task RecoverAsync_KilledWithTheLiveDataUnderTheReplacedName_AndAnEmptyLiveCreatedSince_PutsTheDataBack()
    {
        var (live, swap) = await LiveDatabaseAsync();
        await ExecuteAsync("postgres", $"""ALTER DATABASE "{swap.Live}" RENAME TO "{swap.Replaced}" """);
        await ExecuteAsync("postgres", $"""CREATE DATABASE "{swap.Staging}" """);
        await ExecuteAsync("postgres", $"""CREATE DATABASE "{swap.Live}" """); // what an older start-up did

        var outcome = await RestoreRecovery.RecoverAsync(live, swap, RestoreStage.Restoring, Logger.None);

        outcome.ShouldBe(RestoreStage.Reverted);
        (await BackupFixture.CountAsync(live, "SELECT count(*) FROM orders")).ShouldBe(20_000);
        (await ExistsAsync(swap.Replaced)).ShouldBeFalse();
        (await ExistsAsync(swap.Staging)).ShouldBeFalse();
    }

    [Fact]
    public async Task RecoverAsync_KilledAfterTheSwapBeforeItWasRecorded_CompletesIt()
    {
        var (live, swap) = await LiveDatabaseAsync();
        await ExecuteAsync("postgres", $"""ALTER DATABASE "{swap.Live}" RENAME TO "{swap.Replaced}" """);
        await ExecuteAsync("postgres", $"""CREATE DATABASE "{swap.Staging}" """);
        await ExecuteAsync(swap.Staging, "CREATE TABLE restored (id int); INSERT INTO restored VALUES (1)");
        await ExecuteAsync("postgres", $"""ALTER DATABASE "{swap.Staging}" RENAME TO "{swap.Live}" """);

        var outcome = await RestoreRecovery.RecoverAsync(live, swap, RestoreStage.SafetyDumped, Logger.None);

        outcome.ShouldBe(RestoreStage.Done);
        (await BackupFixture.CountAsync(live, "SELECT count(*) FROM restored")).ShouldBe(1);
        (await ExistsAsync(swap.Replaced)).ShouldBeFalse();
    }

    [Fact]
    public async Task RecoverAsync_KilledWhileTheLiveDatabaseRefusedSessions_AllowsThemAgain()
    {
        var (live, swap) = await LiveDatabaseAsync();
        await ExecuteAsync("postgres", $"""ALTER DATABASE "{swap.Live}" WITH ALLOW_CONNECTIONS false""");

        (await RestoreRecovery.RecoverAsync(live, swap, RestoreStage.Restoring, Logger.None)).ShouldBe(RestoreStage.Reverted);

        (await BackupFixture.CountAsync(live, "SELECT count(*) FROM orders")).ShouldBe(20_000);
    }

    [Fact]
    public async Task Forecast_CountsRowsWrittenSinceTheBackup_LeavingOutTheMigrationsOwn()
    {
        var live = await BackupFixture.SourceAsync(server, rows: 10);
        using var fixture = new BackupFixture();
        var backup = await fixture.Store.BackupAsync(live);
        var beforeMigration = await WriteCounters.ReadAsync(live);
        await ExecuteAsync(live, "UPDATE billing.invoices SET amount = 0 WHERE id <= 3");
        var afterMigration = await StatsFlushedAsync(live, beforeMigration, "billing.invoices", 3);
        await ExecuteAsync(live, "INSERT INTO orders VALUES (-1, 'user'), (-2, 'user'); DELETE FROM orders WHERE id = 1");
        var now = await StatsFlushedAsync(live, afterMigration, "public.orders", 3);

        var forecast = LostWritesForecast.Compute(backup.Counters!, now, LostWritesForecast.Between(beforeMigration, afterMigration));

        forecast.Unknown.ShouldBeNull();
        forecast.Tables.ShouldHaveSingleItem().ShouldBe(new TableLoss("public.orders", new TableWrites(2, 0, 1)));
        forecast.Describe("backup").ShouldContain("public.orders: 2 inserted, 0 updated, 1 deleted");
    }

    [Fact]
    public async Task Forecast_AfterAStatisticsReset_IsUnknownAndNeverZero()
    {
        var live = await BackupFixture.SourceAsync(server, rows: 10);
        using var fixture = new BackupFixture();
        var backup = await fixture.Store.BackupAsync(live);
        await ExecuteAsync(live, "SELECT pg_stat_reset()");

        var forecast = LostWritesForecast.Compute(backup.Counters!, await WriteCounters.ReadAsync(live));

        forecast.Unknown.ShouldNotBeNull();
        forecast.IsZero.ShouldBeFalse();
    }

    // Another session's statistics reach the shared counters when it ends (or goes idle); wait for the signal.
    // Statistics reach pg_stat_user_tables asynchronously (a session flushes them when idle), and the fixture's own
    // inserts may arrive late: wait until the table written to shows its writes, not until any table moved.
    private static async Task<WriteCounters> StatsFlushedAsync(string connectionString, WriteCounters before, string table, long atLeast)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var now = await WriteCounters.ReadAsync(connectionString);
            if (LostWritesForecast.Between(before, now).GetValueOrDefault(table)?.Total >= atLeast) return now;
            await Task.Delay(100);
        }
        throw new TimeoutException("The write counters never showed the writes.");
    }

    private async Task<(string ConnectionString, DatabaseSwap Swap)> LiveDatabaseAsync()
    {
        var live = await BackupFixture.SourceAsync(server);
        return (live, DatabaseSwap.For(new NpgsqlConnectionStringBuilder(live).Database!, "20260101000000"));
    }

    private async Task<bool> ExistsAsync(string database) =>
        await BackupFixture.CountAsync(server.Cluster.ConnectionString("postgres"), $"SELECT count(*) FROM pg_database WHERE datname = '{database}'") == 1;

    private async Task ExecuteAsync(string databaseOrConnectionString, string sql)
    {
        // Idle pooled sessions of the fixture would block the renames.
        NpgsqlConnection.ClearAllPools();
        var connectionString = databaseOrConnectionString.Contains('=') ? databaseOrConnectionString : server.Cluster.ConnectionString(databaseOrConnectionString);
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
