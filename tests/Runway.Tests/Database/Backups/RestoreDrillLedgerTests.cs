using Runway.Database.Backups;
using Runway.Testing;
using Serilog.Core;
using Shouldly;
using Xunit;

namespace Runway.Tests.Database.Backups;

/// <summary>
/// A drill checks the archive against its record, row counts included: the rows the backup held, counted in the
/// dump's own snapshot, not the live database's, which keeps changing after the backup (a production database does).
/// </summary>
[Collection("postgres")]
public sealed class RestoreDrillLedgerTests(PostgresServer server)
{
    [Fact]
    public async Task RunAsync_RowsWrittenSinceTheBackup_PassesAgainstTheRowsTheBackupHeld()
    {
        using var fixture = new BackupFixture();
        var source = await BackupFixture.SourceAsync(server, rows: 500);
        var backup = await fixture.Store.BackupAsync(source);
        await BackupFixture.CountAsync(source, "WITH i AS (INSERT INTO orders SELECT g, 'later' FROM generate_series(1001, 1010) g RETURNING 1) SELECT count(*) FROM i");

        var drill = await new RestoreDrill(fixture.Options, Logger.None, TimeProvider.System).RunAsync(source, backup);

        backup.Counters!.Rows.ShouldNotBeNull("the backup records the rows it holds")["public.orders"].ShouldBe(500L);
        drill.Succeeded.ShouldBeTrue(string.Join("; ", drill.Problems));
        drill.SourceCounts["public.orders"].ShouldBe(500L, "compared with the backup's rows, not the live database's 510");
    }

    [Fact]
    public async Task RunAsync_RestoredRowsDifferFromTheRecord_FailsNamingTheTable()
    {
        using var fixture = new BackupFixture();
        var source = await BackupFixture.SourceAsync(server, rows: 500);
        var backup = await fixture.Store.BackupAsync(source);
        var rows = new Dictionary<string, long>(backup.Counters!.Rows!) { ["public.orders"] = 499 };

        var drill = await new RestoreDrill(fixture.Options, Logger.None, TimeProvider.System)
            .RunAsync(source, backup with { Counters = backup.Counters with { Rows = rows } });

        drill.Succeeded.ShouldBeFalse();
        drill.Problems.ShouldContain("public.orders: expected 499 rows, restored 500 rows");
    }
}
