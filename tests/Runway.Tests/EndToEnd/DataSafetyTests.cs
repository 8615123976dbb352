using System.Text.Json.Nodes;
using Runway.Tests.EndToEnd.Support;
using Shouldly;
using Xunit;

namespace Runway.Tests.EndToEnd;

/// <summary>
/// "Nothing lost" through <c>./build.sh</c>: a rollback whose migration has an undo script keeps the rows users wrote
/// after the migration; a no-transaction migration that fails half-way is recorded as such and undone by the
/// automatic rollback.
/// </summary>
[Collection("end-to-end")]
public sealed class DataSafetyTests : IAsyncLifetime
{
    private const string OwnerColumnQuery =
        "SELECT count(*) FROM information_schema.columns WHERE table_name = 'orchestrations' AND column_name = 'owner'";

    private const string PlantedSecret = "planted-secret-4f7c2a9d";

    private AdoptingRepository _repository = null!;

    // This story is about the database, not the canary: a low minimum keeps a loaded machine's slow bake from judging "too little traffic".
    public async Task InitializeAsync() =>
        _repository = await AdoptingRepository.CreateAsync("data-safety", new Dictionary<string, JsonNode?> { ["MinRequests"] = 5 });

    public async Task DisposeAsync() => await _repository.DisposeAsync();

    [Fact]
    public async Task UndoScripts_KeepRowsWrittenSinceTheMigration_AndUndoAHalfAppliedMigration()
    {
        (await _repository.RunAsync("Deploy")).ShouldSucceed("(a) Deploy 1.0.0");
        await RollbackWithUndoScript_KeepsTheRowsWrittenAfterTheMigration();
        await HalfAppliedMigration_IsRecordedAsSuch_AndUndoneByTheAutomaticRollback();
        await RestoreDrill_FailsABackupWithOneChangedByte();
        await VerifyLedger_ReportsTheFirstTamperedEvent();
    }

    private async Task VerifyLedger_ReportsTheFirstTamperedEvent()
    {
        (await _repository.RunAsync("VerifyLedger")).ShouldSucceed("(e) VerifyLedger").ShouldSay("Ledger hash chain intact", "(e)");
        var target = await AdoptingRepository.QueryAsync<long>(_repository.LedgerDatabase, "SELECT id FROM runway.events ORDER BY id OFFSET 5 LIMIT 1");
        // As someone with the rights to disable the append-only trigger would: the environment of one event changed.
        await AdoptingRepository.QueryAsync<long>(_repository.LedgerDatabase,
            "SET session_replication_role = replica; UPDATE runway.events SET environment = 'elsewhere' WHERE id = @id; SELECT 1", ("id", target));

        (await _repository.RunAsync("VerifyLedger")).ShouldFail("(e) VerifyLedger after tampering")
            .ShouldSay($"broken at event {target}", "(e) the first broken link is named");
        var chain = (await _repository.StatusAsync())["ledgerChain"]!;
        chain["intact"]!.GetValue<bool>().ShouldBeFalse("(e) Status says the chain is broken");
        chain["brokenEventId"]!.GetValue<long>().ShouldBe(target);
    }

    private async Task RestoreDrill_FailsABackupWithOneChangedByte()
    {
        (await _repository.RunAsync("Backup")).ShouldSucceed("(d) Backup");
        (await _repository.RunAsync("RestoreDrill")).ShouldSucceed("(d) RestoreDrill of an intact backup");
        var newest = Directory.GetFiles(Path.Combine(_repository.TemporaryDirectory, "backups"), "*.dump", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".safety.dump", StringComparison.Ordinal)).OrderByDescending(File.GetLastWriteTimeUtc).First();
        var bytes = await File.ReadAllBytesAsync(newest);
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(newest, bytes);

        (await _repository.RunAsync("RestoreDrill")).ShouldFail("(d) RestoreDrill of a backup with one changed byte")
            .ShouldSay("is corrupt: its SHA-256 is", "(d) the drill checks the archive against the ledger");
    }

    private async Task RollbackWithUndoScript_KeepsTheRowsWrittenAfterTheMigration()
    {
        await _repository.AddAndCommitAsync("deploy/migrations/V3__add_owner_column.sql",
            "ALTER TABLE orchestrations ADD COLUMN owner text;\n", "Orchestrations get an owner");
        await _repository.AddAndCommitAsync("deploy/migrations/U3__add_owner_column.sql",
            "ALTER TABLE orchestrations DROP COLUMN IF EXISTS owner;\n", "Undo of V3");
        // This story is about the database, not the verdict: a freshly started canary on a busy machine can be a few
        // milliseconds slower than the warm baseline, which the latency test may call significant.
        (await _repository.RunAsync("Deploy", "--version", "1.1.0", "--max-latency-increase", "5")).ShouldSucceed("(b) Deploy 1.1.0 with V3 and U3");
        await AdoptingRepository.QueryAsync<long>(_repository.SampleDatabase,
            "INSERT INTO orchestrations (name, owner) VALUES ('written-after-the-migration', 'alice'); SELECT 1");
        var rowsBefore = await AdoptingRepository.QueryAsync<long>(_repository.SampleDatabase, "SELECT count(*) FROM orchestrations");

        (await _repository.RunAsync("Rollback", "--dry-run")).ShouldSucceed("(b) Rollback --dry-run")
            .ShouldSay("V3__add_owner_column.sql: undo with U3__add_owner_column.sql", "(b) the dry run names each migration's path");
        (await AdoptingRepository.QueryAsync<long>(_repository.SampleDatabase, OwnerColumnQuery)).ShouldBe(1L, "(b) the dry run changed nothing");

        (await _repository.RunAsync("Rollback")).ShouldSucceed("(b) Rollback")
            .ShouldSay("Undid V3__add_owner_column.sql", "(b)");
        (await AdoptingRepository.QueryAsync<long>(_repository.SampleDatabase, OwnerColumnQuery)).ShouldBe(0L, "(b) U3 dropped the owner column");
        (await AdoptingRepository.QueryAsync<long>(_repository.SampleDatabase, "SELECT count(*) FROM orchestrations"))
            .ShouldBe(rowsBefore, "(b) every row written since the migration is still there");
        (await AdoptingRepository.QueryAsync<long>(_repository.SampleDatabase,
            "SELECT count(*) FROM runway_schema_history WHERE script = 'U3__add_owner_column.sql' AND success"))
            .ShouldBe(1L, "(b) the undo is recorded in the schema history");
    }

    private async Task HalfAppliedMigration_IsRecordedAsSuch_AndUndoneByTheAutomaticRollback()
    {
        // Staging has no 'bad' row, so V4 passes there; live has one, so its second statement fails there.
        await _repository.AddAndCommitAsync("deploy/migrations/V4__half_applied.sql", """
            -- runway:no-transaction
            CREATE TABLE IF NOT EXISTS audit_trail (id bigint);
            DO $$ BEGIN
                IF EXISTS (SELECT 1 FROM orchestrations WHERE name = 'bad') THEN
                    RAISE EXCEPTION 'bad rows found; the operator can connect with password {{PlantedSecret}}';
                END IF;
            END $$;
            """.Replace("{{PlantedSecret}}", PlantedSecret, StringComparison.Ordinal), "A migration that fails half-way on live, printing a secret");
        await _repository.AddAndCommitAsync("deploy/migrations/U4__half_applied.sql", """
            DROP TABLE IF EXISTS audit_trail;
            """, "Undo of V4");
        await AdoptingRepository.QueryAsync<long>(_repository.SampleDatabase, "INSERT INTO orchestrations (name) VALUES ('bad'); SELECT 1");

        // The secret is a secret parameter's value (unused here: no --backup-repository).
        (await _repository.RunAsync("Deploy", "--version", "1.2.0", "--max-latency-increase", "5", "--backup-repository-secret-key", PlantedSecret)).ShouldFail("(c) Deploy 1.2.0 whose V4 fails half-way on live")
            .ShouldSay("V4__half_applied.sql failed at statement 2 of 2 (1 done", "(c) the failure says how far the script got")
            .ShouldSay("Undid V4__half_applied.sql", "(c) the automatic rollback undoes the half-applied script")
            .ShouldSay("Undid V3__add_owner_column.sql", "(c) and the script this deployment applied before it");

        (await AdoptingRepository.QueryAsync<long>(_repository.SampleDatabase, "SELECT count(*) FROM pg_tables WHERE tablename = 'audit_trail'"))
            .ShouldBe(0L, "(c) the first statement's table is gone");
        (await AdoptingRepository.QueryAsync<long>(_repository.SampleDatabase, OwnerColumnQuery)).ShouldBe(0L, "(c) V3 is undone too");
        (await AdoptingRepository.QueryAsync<long>(_repository.SampleDatabase, "SELECT count(*) FROM orchestrations WHERE name = 'bad'"))
            .ShouldBe(1L, "(c) rows are kept: nothing was restored");
        (await AdoptingRepository.QueryAsync<string>(_repository.LedgerDatabase,
            "SELECT s.evidence -> 'failed' ->> 'statementsDone' FROM runway.steps s WHERE s.name = 'migrations-applied' AND s.status = 'Failed'"))
            .ShouldBe("1", "(c) the ledger records how far the script got");
        var status = await _repository.StatusAsync();
        status["deployment"]!["state"]!.GetValue<string>().ShouldBe("RolledBack");
        await PlantedSecret_AppearsNowhere(status);
    }

    // Rule 7: every table of the ledger, Status --json and the checklist reports.
    private async Task PlantedSecret_AppearsNowhere(JsonObject status)
    {
        (await AdoptingRepository.QueryAsync<string>(_repository.LedgerDatabase,
            "SELECT count(*) FROM runway.steps WHERE error LIKE '%' || @masked || '%'", ("masked", "*****")))
            .ShouldNotBe("0", "(c) the step error is there, masked");
        foreach (var table in await LedgerTablesAsync())
            (await AdoptingRepository.QueryAsync<long>(_repository.LedgerDatabase,
                $"SELECT count(*) FROM runway.{table} t WHERE t::text LIKE '%' || @secret || '%'", ("secret", PlantedSecret)))
                .ShouldBe(0L, $"(c) the planted secret must not reach the ledger table runway.{table}");
        status.ToJsonString().ShouldNotContain(PlantedSecret);
        (await _repository.RunAsync("Checklist", "--version", "1.2.0")).ShouldSucceed("(c) Checklist report");
        foreach (var report in Directory.GetFiles(_repository.TemporaryDirectory, "*.*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".md", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal)))
            (await File.ReadAllTextAsync(report)).ShouldNotContain(PlantedSecret, customMessage: $"(c) {report}");
    }

    private async Task<IReadOnlyList<string>> LedgerTablesAsync()
    {
        var names = await AdoptingRepository.QueryAsync<string>(_repository.LedgerDatabase,
            "SELECT string_agg(tablename, ',') FROM pg_tables WHERE schemaname = 'runway'");
        return names!.Split(',');
    }
}
