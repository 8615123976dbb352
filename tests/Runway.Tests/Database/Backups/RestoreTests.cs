using Runway.Database.Backups;
using Runway.Testing;
using Serilog.Core;
using Shouldly;
using Xunit;

namespace Runway.Tests.Database.Backups;

[Collection("postgres")]
public sealed class RestoreTests(PostgresServer server)
{
    [Fact]
    public async Task RunAsync_RestoresIntoAScratchDatabaseComparesCountsAndDropsIt()
    {
        using var fixture = new BackupFixture();
        var source = await BackupFixture.SourceAsync(server);
        var backup = await fixture.Store.BackupAsync(source);

        var drill = await new RestoreDrill(fixture.Options, Logger.None, TimeProvider.System).RunAsync(source, backup);

        drill.Succeeded.ShouldBeTrue(string.Join("; ", drill.Problems));
        drill.RestoredCounts["public.orders"].ShouldBe(20_000);
        drill.RestoredCounts["billing.invoices"].ShouldBe(123);
        drill.RestoredCounts.ShouldBe(drill.SourceCounts);
        drill.RestoreDuration.ShouldBeGreaterThan(TimeSpan.Zero);
        (await DatabaseCountAsync(drill.ScratchDatabase)).ShouldBe(0);
    }

    [Fact]
    public async Task RunLatestAsync_DrillsTheNewestBackupOfTheDatabase()
    {
        using var fixture = new BackupFixture();
        var source = await BackupFixture.SourceAsync(server, rows: 1000);
        await fixture.Store.BackupAsync(source);
        await BackupFixture.CountAsync(source, "INSERT INTO orders VALUES (-1, 'later'); SELECT 1");
        var newest = await fixture.Store.BackupAsync(source);

        var drill = await new RestoreDrill(fixture.Options, Logger.None, TimeProvider.System).RunLatestAsync(source);

        drill.Succeeded.ShouldBeTrue(string.Join("; ", drill.Problems));
        drill.Backup.File.ShouldBe(newest.File);
        drill.Backup.ServerVersion.ShouldStartWith("15");
        drill.RestoredCounts["public.orders"].ShouldBe(1001);
    }

    [Fact]
    public async Task RunAsync_BackupRecordedWithoutItsRows_ComparesWithTheLiveDatabase_AndDropsTheScratchDatabase()
    {
        using var fixture = new BackupFixture();
        var source = await BackupFixture.SourceAsync(server);
        var backup = await fixture.Store.BackupAsync(source);
        await BackupFixture.CountAsync(source, "WITH d AS (DELETE FROM orders WHERE id <= 10 RETURNING 1) SELECT count(*) FROM d");
        // As the ledger has it for a backup taken before Runway recorded the rows of each backup.
        var recordedWithoutRows = backup with { Counters = backup.Counters! with { Rows = null } };

        var drill = await new RestoreDrill(fixture.Options, Logger.None, TimeProvider.System).RunAsync(source, recordedWithoutRows);

        drill.Succeeded.ShouldBeFalse();
        drill.Problems.ShouldHaveSingleItem().ShouldContain("public.orders: expected 19990 rows, restored 20000 rows");
        (await DatabaseCountAsync(drill.ScratchDatabase)).ShouldBe(0);
    }

    [Fact]
    public async Task RestoreAsync_TakesASafetyDumpThenPutsTheBackupBack()
    {
        using var fixture = new BackupFixture();
        var source = await BackupFixture.SourceAsync(server);
        var backup = await fixture.Store.BackupAsync(source);
        await BackupFixture.CountAsync(source, "CREATE TABLE added_later (id int); INSERT INTO orders VALUES (-1, 'new'); SELECT 1");

        var result = await new DatabaseRestorer(fixture.Store, fixture.Options, Logger.None, TimeProvider.System).RestoreAsync(source, backup);

        BackupFileName.Parse(result.SafetyDump.File)!.IsSafetyDump.ShouldBeTrue();
        result.SafetyDump.Verified.ShouldBeTrue();
        result.RowCounts["public.orders"].ShouldBe(20_000);
        (await BackupFixture.CountAsync(source, "SELECT count(*) FROM orders")).ShouldBe(20_000);
        (await BackupFixture.CountAsync(source, "SELECT count(*) FROM pg_tables WHERE tablename = 'added_later'")).ShouldBe(0);
        var drillOfSafety = await new RestoreDrill(fixture.Options, Logger.None, TimeProvider.System).RunAsync(source, result.SafetyDump);
        drillOfSafety.RestoredCounts["public.orders"].ShouldBe(20_001);
    }

    private async Task<long> DatabaseCountAsync(string name) =>
        await BackupFixture.CountAsync(server.Cluster.ConnectionString("postgres"), $"SELECT count(*) FROM pg_database WHERE datname = '{name}'");
}
