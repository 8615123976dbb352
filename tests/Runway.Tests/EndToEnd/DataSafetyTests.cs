using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Runway.Tests.Database.Backups;
using Runway.Tests.EndToEnd.Support;
using Shouldly;
using Xunit;

namespace Runway.Tests.EndToEnd;

/// <summary>
/// "Nothing lost" through <c>./build.sh</c>: a rollback whose migration has an undo script keeps the rows users wrote
/// after the migration; a no-transaction migration that fails half-way is recorded as such and undone by the
/// automatic rollback; a rollback on a fresh clone restores from the S3 repository, checked against the ledger.
/// </summary>
[Collection(EndToEndCollections.FaultsAndData)]
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

    [Fact]
    public async Task FailedFirstDeployment_IsRolledBackWithItsSchema()
    {
        (await _repository.RunAsync("Deploy", "--sample-error-rate", "0.3")).ShouldFail("(first) Deploy of an erring first release")
            .ShouldSay("no baseline: judged against absolute limits: error rate", "(first) the first release fails its bake");

        // The sample's scripts have no undo: the pre-schema backup (Preparation's) is restored, since nothing was written since.
        (await AdoptingRepository.QueryAsync<long>(_repository.SampleDatabase,
            "SELECT count(*) FROM pg_tables WHERE tablename IN ('orchestrations', 'runway_schema_history')"))
            .ShouldBe(0L, "(first) the rollback of a first deployment takes its schema back too");
        (await AdoptingRepository.QueryAsync<string>(_repository.LedgerDatabase,
            "SELECT s.evidence ->> 'decision' FROM runway.steps s WHERE s.name = 'database-restored' AND s.status = 'Succeeded'"))
            .ShouldBe("forecast zero: nothing written since the backup", "(first) restored on a zero forecast, recorded");
        (await _repository.StatusAsync())["deployment"]!["state"]!.GetValue<string>().ShouldBe("RolledBack");
    }

    // What a runner of a staged workflow reaches over the network: in the local profile, the cluster (ledger and
    // database) and the environment's processes, releases and signing key kept under .nuke/temp. No backup archive.
    private static readonly string[] SharedWithTheClone = ["postgres", "environments", "releases", "router", "sample-signing.key"];

    [Fact]
    public async Task RollbackOnAFreshClone_RestoresFromTheS3Repository_CheckedAgainstTheLedger()
    {
        await using var s3 = await S3rverServer.StartAsync();
        string[] repository = ["--backup-repository", $"s3://{S3rverServer.Bucket}/local", "--backup-repository-endpoint", s3.Endpoint.ToString(),
            "--backup-repository-access-key", S3rverServer.AccessKey, "--backup-repository-secret-key", S3rverServer.SecretKey];
        (await _repository.RunAsync(["Deploy", .. repository])).ShouldSucceed("(s3) Deploy 1.0.0");
        await _repository.AddAndCommitAsync($"{AdoptingRepository.MigrationsDirectory}/V3__add_owner_column.sql", "ALTER TABLE orchestrations ADD COLUMN owner text;\n",
            "Orchestrations get an owner (no undo script)");
        (await _repository.RunAsync(["Deploy", "--version", "1.1.0", .. repository])).ShouldSucceed("(s3) Deploy 1.1.0 with V3");
        await AdoptingRepository.QueryAsync<long>(_repository.SampleDatabase,
            "INSERT INTO orchestrations (name, owner) VALUES ('written-after-the-migration', 'alice'); SELECT 1");
        var (location, sha256) = await PreMigrationBackupAsync();
        location.ShouldStartWith($"s3://{S3rverServer.Bucket}/local/", Case.Sensitive, "(s3) the pre-migration backup was uploaded");
        await using var clone = await _repository.CloneAsync("data-safety-clone", SharedWithTheClone);
        using var bucket = S3Client(s3);
        var intact = await ObjectBytesAsync(bucket, location);

        var corrupted = (byte[])intact.Clone();
        corrupted[corrupted.Length / 2] ^= 0x01;
        await PutObjectAsync(bucket, location, corrupted);
        var refused = (await clone.RunAsync(["Rollback", "--restore-database", .. repository])).ShouldFail("(s3) Rollback on the clone with one byte changed in S3")
            .ShouldSay($"downloaded from {location} does not match the ledger", "(s3) the refusal names the backup")
            .ShouldSay($"the ledger records {sha256}", "(s3) and the checksum the ledger expects")
            .ShouldSay("Put an intact copy of the archive back at", "(s3) and the fix");
        refused.ShouldSay($"its SHA-256 is {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(corrupted))}", "(s3) and the checksum it got");
        (await AdoptingRepository.QueryAsync<long>(_repository.SampleDatabase, OwnerColumnQuery)).ShouldBe(1L, "(s3) the refused restore touched nothing");
        (await AdoptingRepository.QueryAsync<long>(_repository.SampleDatabase, "SELECT count(*) FROM orchestrations WHERE name = 'written-after-the-migration'"))
            .ShouldBe(1L, "(s3) the row written after the migration is still there");
        (await AdoptingRepository.QueryAsync<long>(_repository.LedgerDatabase, "SELECT count(*) FROM runway.restores")).ShouldBe(0L, "(s3) no restore was started");

        await PutObjectAsync(bucket, location, intact);
        (await clone.RunAsync(["Rollback", "--restore-database", .. repository])).ShouldSucceed("(s3) Rollback on the clone, the S3 object intact")
            .ShouldSay($"Downloading backup {location}", "(s3) the clone holds no archive: it downloads it")
            .ShouldSay("rolled back: 1.0.0 serves local", "(s3) Rollback");
        (await AdoptingRepository.QueryAsync<long>(_repository.SampleDatabase, OwnerColumnQuery)).ShouldBe(0L, "(s3) the restore removed V3's column");
        (await AdoptingRepository.QueryAsync<long>(_repository.SampleDatabase, "SELECT count(*) FROM orchestrations WHERE name = 'written-after-the-migration'"))
            .ShouldBe(0L, "(s3) the database is the pre-migration backup (the safety dump keeps the rest)");
        File.Exists(Path.Combine(clone.TemporaryDirectory, "backups", "local", location.Split('/')[^1])).ShouldBeTrue("(s3) the clone restored its own download");

        await Retention_DeletesFromTheRepository(clone, repository, bucket, location);
    }

    // The rolled-back deployment's backups are no longer protected: keeping one, retention deletes them from the bucket too.
    private async Task Retention_DeletesFromTheRepository(AdoptingRepository clone, string[] repository, AmazonS3Client bucket, string preMigration)
    {
        (await clone.RunAsync(["Backup", "--keep-backups", "1", .. repository])).ShouldSucceed("(s3) Backup keeping 1");
        var kept = (await AdoptingRepository.QueryAsync<string>(_repository.LedgerDatabase,
            "SELECT string_agg(location, ' ' ORDER BY location) FROM runway.backups WHERE deleted_at IS NULL AND location IS NOT NULL"))!.Split(' ');
        var stored = await ObjectLocationsAsync(bucket);
        stored.ShouldBe(kept, ignoreOrder: true, "(s3) the bucket holds exactly the backups the ledger keeps");
        stored.ShouldNotContain(preMigration, "(s3) retention deleted the rolled-back deployment's backup from the repository");
        (await AdoptingRepository.QueryAsync<long>(_repository.LedgerDatabase,
            "SELECT count(*) FROM runway.backups WHERE location = @location AND deleted_at IS NOT NULL", ("location", preMigration)))
            .ShouldBe(1L, "(s3) and the ledger says so");
    }

    private async Task<(string Location, string Sha256)> PreMigrationBackupAsync()
    {
        const string backupOfMigration = """
            SELECT b.{0} FROM runway.backups b WHERE b.id = (
                SELECT (s.evidence ->> 'backupId')::bigint FROM runway.steps s JOIN runway.phases p ON p.id = s.phase_id
                WHERE p.name = 'Migration' AND s.name = 'pre-migration-backup' AND s.status = 'Succeeded' ORDER BY s.id DESC LIMIT 1)
            """;
        return ((await AdoptingRepository.QueryAsync<string>(_repository.LedgerDatabase, string.Format(System.Globalization.CultureInfo.InvariantCulture, backupOfMigration, "location")))!,
            (await AdoptingRepository.QueryAsync<string>(_repository.LedgerDatabase, string.Format(System.Globalization.CultureInfo.InvariantCulture, backupOfMigration, "sha256")))!);
    }

    private static AmazonS3Client S3Client(S3rverServer s3) => new(new BasicAWSCredentials(S3rverServer.AccessKey, S3rverServer.SecretKey),
        new AmazonS3Config { ServiceURL = s3.Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });

    private static async Task<byte[]> ObjectBytesAsync(AmazonS3Client client, string location)
    {
        var (bucket, key) = BucketAndKey(location);
        using var response = await client.GetObjectAsync(bucket, key);
        using var bytes = new MemoryStream();
        await response.ResponseStream.CopyToAsync(bytes);
        return bytes.ToArray();
    }

    private static async Task PutObjectAsync(AmazonS3Client client, string location, byte[] content)
    {
        var (bucket, key) = BucketAndKey(location);
        await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = new MemoryStream(content), UseChunkEncoding = false });
    }

    private static async Task<string[]> ObjectLocationsAsync(AmazonS3Client client)
    {
        var listed = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = S3rverServer.Bucket });
        return [.. (listed.S3Objects ?? []).Select(o => $"s3://{S3rverServer.Bucket}/{o.Key}")];
    }

    private static (string Bucket, string Key) BucketAndKey(string location)
    {
        var url = new Uri(location);
        return (url.Host, url.AbsolutePath.TrimStart('/'));
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
        await _repository.AddAndCommitAsync($"{AdoptingRepository.MigrationsDirectory}/V3__add_owner_column.sql",
            "ALTER TABLE orchestrations ADD COLUMN owner text;\n", "Orchestrations get an owner");
        await _repository.AddAndCommitAsync($"{AdoptingRepository.MigrationsDirectory}/U3__add_owner_column.sql",
            "ALTER TABLE orchestrations DROP COLUMN IF EXISTS owner;\n", "Undo of V3");
        (await _repository.RunAsync("Deploy", "--version", "1.1.0")).ShouldSucceed("(b) Deploy 1.1.0 with V3 and U3");
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
        await _repository.AddAndCommitAsync($"{AdoptingRepository.MigrationsDirectory}/V4__half_applied.sql", """
            -- runway:no-transaction
            CREATE TABLE IF NOT EXISTS audit_trail (id bigint);
            DO $$ BEGIN
                IF EXISTS (SELECT 1 FROM orchestrations WHERE name = 'bad') THEN
                    RAISE EXCEPTION 'bad rows found; the operator can connect with password {{PlantedSecret}}';
                END IF;
            END $$;
            """.Replace("{{PlantedSecret}}", PlantedSecret, StringComparison.Ordinal), "A migration that fails half-way on live, printing a secret");
        await _repository.AddAndCommitAsync($"{AdoptingRepository.MigrationsDirectory}/U4__half_applied.sql", """
            DROP TABLE IF EXISTS audit_trail;
            """, "Undo of V4");
        await AdoptingRepository.QueryAsync<long>(_repository.SampleDatabase, "INSERT INTO orchestrations (name) VALUES ('bad'); SELECT 1");

        // The secret is a secret parameter's value (unused here: no --backup-repository).
        var deploy = (await _repository.RunAsync("Deploy", "--version", "1.2.0", "--backup-repository-secret-key", PlantedSecret))
            .ShouldFail("(c) Deploy 1.2.0 whose V4 fails half-way on live")
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
        await PlantedSecret_AppearsNowhere(status, deploy);
    }

    // Rule 7: every table of the ledger, Status --json, the run's output, its logs and the checklist reports. (The
    // PostgreSQL server's own log, under postgres/, records the script's error as the server saw it: not Runway's.)
    private async Task PlantedSecret_AppearsNowhere(JsonObject status, BuildRun deploy)
    {
        deploy.Output.ShouldNotContain(PlantedSecret, customMessage: "(c) the run's output");
        (await AdoptingRepository.QueryAsync<string>(_repository.LedgerDatabase,
            "SELECT count(*) FROM runway.steps WHERE error LIKE '%' || @masked || '%'", ("masked", "*****")))
            .ShouldNotBe("0", "(c) the step error is there, masked");
        foreach (var table in await LedgerTablesAsync())
            (await AdoptingRepository.QueryAsync<long>(_repository.LedgerDatabase,
                $"SELECT count(*) FROM runway.{table} t WHERE t::text LIKE '%' || @secret || '%'", ("secret", PlantedSecret)))
                .ShouldBe(0L, $"(c) the planted secret must not reach the ledger table runway.{table}");
        status.ToJsonString().ShouldNotContain(PlantedSecret);
        (await _repository.RunAsync("Checklist", "--version", "1.2.0")).ShouldSucceed("(c) Checklist report");
        string[] runwayText = [".md", ".json", ".log", ".clef", ".txt", ".html"];
        string[] notRunways = ["postgres", "releases", "router"];
        foreach (var report in Directory.GetFiles(_repository.TemporaryDirectory, "*.*", SearchOption.AllDirectories)
                     .Where(f => runwayText.Contains(Path.GetExtension(f), StringComparer.Ordinal))
                     .Where(f => !notRunways.Contains(Path.GetRelativePath(_repository.TemporaryDirectory, f).Split(Path.DirectorySeparatorChar)[0], StringComparer.Ordinal)))
            (await File.ReadAllTextAsync(report)).ShouldNotContain(PlantedSecret, customMessage: $"(c) {report}");
    }

    private async Task<IReadOnlyList<string>> LedgerTablesAsync()
    {
        var names = await AdoptingRepository.QueryAsync<string>(_repository.LedgerDatabase,
            "SELECT string_agg(tablename, ',') FROM pg_tables WHERE schemaname = 'runway'");
        return names!.Split(',');
    }
}
