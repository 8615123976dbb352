using System.Text.Json.Nodes;
using Runway.Database.Backups;
using Runway.Database.Forecast;
using Runway.Database.Migrations;
using Runway.Ledger;

namespace Runway.Phases;

/// <summary>The database steps phases share: a verified backup, a restore drill, the migrations.</summary>
public sealed class DatabaseSteps(ServiceDatabase database, Serilog.ILogger logger, TimeProvider time)
{
    /// <summary>The environment's database.</summary>
    public string ConnectionString => database.ConnectionString;

    /// <summary>The default name of <see cref="VerifiedBackup"/>'s step (Preparation's backup, taken before anything changes).</summary>
    public const string VerifiedBackupStep = "backup-verified";

    /// <summary>Backs up the environment's database, verifies it, records it, and applies retention.</summary>
    public DeploymentStep VerifiedBackup(Deployment deployment, string name = VerifiedBackupStep) => new(name, async token =>
    {
        var stored = await TakeBackupAsync(deployment.Id, token).ConfigureAwait(false);
        var evidence = Evidence.Of(stored.Backup, stored.Id);
        evidence["location"] = stored.Backup.Location;
        return StepOutcome.Of(evidence, "backup-verified");
    });

    /// <summary>
    /// Backs up the environment's database, verifies it, uploads it to the repository (when there is one), records
    /// it with its location, and applies retention (to the repository too).
    /// </summary>
    public async Task<StoredBackup> TakeBackupAsync(long? deploymentId, CancellationToken cancellationToken)
    {
        var backup = await database.Store.BackupAsync(database.ConnectionString, cancellationToken).ConfigureAwait(false);
        if (database.Repository is { } repository)
            backup = backup with { Location = await repository.UploadAsync(backup.File, cancellationToken).ConfigureAwait(false) };
        var stored = await database.Backups.RecordAsync(deploymentId, backup, cancellationToken).ConfigureAwait(false);
        await ApplyRetentionAsync(cancellationToken).ConfigureAwait(false);
        return stored;
    }

    /// <summary>
    /// <paramref name="backup"/> as a file on this runner: the archive in this runner's backup folder when it is there;
    /// otherwise downloaded from the repository into that folder and checked against the ledger's size and SHA-256
    /// before anything uses it (a runner of a staged workflow, or a fresh clone, never took the backup it restores).
    /// The path the ledger recorded is the taking runner's: it is used only for a backup that was never uploaded.
    /// </summary>
    public async Task<BackupRecord> LocalCopyAsync(BackupRecord backup, CancellationToken cancellationToken)
    {
        var local = backup with { File = Path.GetFullPath(Path.Combine(database.Options.Directory, Path.GetFileName(backup.File))) };
        if (File.Exists(local.File)) return local;
        if (backup.Location is null) return backup;
        var repository = database.Repository
            ?? throw new InvalidOperationException($"Backup {Path.GetFileName(backup.File)} is not on this runner and lives in {backup.Location}: set --backup-repository to reach it.");
        logger.Information("Downloading backup {Location} to {File}", backup.Location, local.File);
        await repository.DownloadAsync(backup.Location, local.File, cancellationToken).ConfigureAwait(false);
        if (await DownloadProblemAsync(local, cancellationToken).ConfigureAwait(false) is not { } problem) return local;
        File.Delete(local.File);
        throw new BackupFailedException(
            $"Backup {Path.GetFileName(backup.File)} downloaded from {backup.Location} does not match the ledger: {problem} Nothing was restored or changed. " +
            $"Put an intact copy of the archive back at {backup.Location} (the runner that took it kept it as {backup.File}) and run again; never restore this copy.");
    }

    // Size first (a truncated transfer says so plainly), then the SHA-256, then a full read of the archive.
    private static async Task<string?> DownloadProblemAsync(BackupRecord copy, CancellationToken cancellationToken)
    {
        var size = new FileInfo(copy.File).Length;
        if (size != copy.SizeBytes) return $"it is {size} bytes, the ledger records {copy.SizeBytes}.";
        var checksum = await FileChecksum.Sha256Async(copy.File, cancellationToken).ConfigureAwait(false);
        if (checksum != copy.Sha256) return $"its SHA-256 is {checksum}, the ledger records {copy.Sha256}.";
        var verification = await BackupVerifier.VerifyAsync(copy, cancellationToken).ConfigureAwait(false);
        return verification.Problem;
    }

    /// <summary>Restores the newest backup into a scratch database and compares row counts.</summary>
    public DeploymentStep RestoreDrill(string name = "restore-drill") => new(name, async token =>
    {
        var drill = await DrillLatestAsync(token).ConfigureAwait(false);
        if (!drill.Succeeded)
            throw new InvalidOperationException($"The restore drill of {Path.GetFileName(drill.Backup.File)} failed: {string.Join("; ", drill.Problems)}");
        return StepOutcome.Of(new JsonObject
        {
            ["backup"] = Path.GetFileName(drill.Backup.File),
            ["restoreSeconds"] = Math.Round(drill.RestoreDuration.TotalSeconds, 3),
            ["tables"] = drill.SourceCounts.Count,
            ["rows"] = drill.RestoredCounts.Values.Sum(),
            ["rowCountsMatch"] = true,
        }, "restore-drill-recent");
    });

    /// <summary>
    /// Drills the newest backup of the environment's database that the ledger records, against that record: the
    /// archive's size and SHA-256 must be the recorded ones, then it restores into a scratch database whose row
    /// counts must match the database's.
    /// </summary>
    public async Task<RestoreDrillResult> DrillLatestAsync(CancellationToken cancellationToken)
    {
        var connectionString = database.ConnectionString;
        var name = new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database!;
        var latest = await database.Backups.GetLatestAsync(name, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The ledger records no backup of {name}: take one first (./build.sh Backup).");
        var local = await LocalCopyAsync(latest.Backup, cancellationToken).ConfigureAwait(false);
        return await new RestoreDrill(database.Options, logger, time)
            .RunAsync(connectionString, local, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies the migration scripts to <paramref name="connectionString"/>'s database. The evidence names the scripts
    /// applied, the rows the migration itself wrote (a later forecast of lost writes leaves those out), and, when a
    /// script fails, the failure with how far a no-transaction script got: a rollback reads it to take all of it back.
    /// </summary>
    public DeploymentStep Migrations(string name, string connectionString, string check) => new(name, async token =>
    {
        var (result, evidence) = await MigrateWithEvidenceAsync(connectionString, token).ConfigureAwait(false);
        if (!result.Successful) throw new StepFailedException($"Migrations failed: {result.Error}", evidence);
        return StepOutcome.Of(evidence, check);
    });

    /// <summary>
    /// Like <see cref="Migrations"/> for a staging database, which a failure leaves as it was before the attempt:
    /// what the attempt applied is undone, or, when some script has no undo, restored from a backup taken before it.
    /// </summary>
    public DeploymentStep StagingMigrations(string name, string connectionString, string check) => new(name, async token =>
    {
        var plan = await PlanAsync(connectionString, token).ConfigureAwait(false);
        var scripts = await ScriptsAsync(token).ConfigureAwait(false);
        var before = plan.Scripts.Any(s => scripts.UndoOf(s.Script.FileName) is null)
            ? await database.Store.BackupAsync(connectionString, token).ConfigureAwait(false) : null;
        var (result, evidence) = await MigrateWithEvidenceAsync(connectionString, token).ConfigureAwait(false);
        if (result.Successful) return StepOutcome.Of(evidence, check);
        evidence["leftAsBefore"] = await new MigrationTakeBack(this, database, logger, time).TakeBackAsync(connectionString, evidence, before, token).ConfigureAwait(false);
        throw new StepFailedException($"Migrations failed on staging, which is left as it was before the attempt: {result.Error}", evidence);
    });

    /// <summary>Runs the migrations; throws with the failing script and position when one fails.</summary>
    public async Task<MigrationResult> MigrateAsync(string connectionString, CancellationToken cancellationToken)
    {
        var result = await RunAsync(connectionString, cancellationToken).ConfigureAwait(false);
        if (!result.Successful)
            throw new InvalidOperationException($"Migrations failed: {result.Error}");
        return result;
    }

    /// <summary>The scripts folder, undo scripts included.</summary>
    public async Task<MigrationScriptSet> ScriptsAsync(CancellationToken cancellationToken) =>
        await MigrationScriptFolder.ReadAsync(database.MigrationsDirectory, cancellationToken).ConfigureAwait(false);

    /// <summary>Runs the undo scripts of <paramref name="undos"/>, newest first; throws when one fails.</summary>
    public async Task<MigrationResult> UndoAsync(string connectionString, IReadOnlyList<MigrationRollbackStep> undos, CancellationToken cancellationToken)
    {
        await using var source = Npgsql.NpgsqlDataSource.Create(connectionString);
        var result = await Runner(source).UndoAsync(undos, cancellationToken).ConfigureAwait(false);
        if (!result.Successful)
            throw new InvalidOperationException($"Undo failed: {result.Error}. The undos before it ran ({result.Applied.Count}); fix the undo script and run Rollback again.");
        return result;
    }

    private async Task<(MigrationResult Result, JsonObject Evidence)> MigrateWithEvidenceAsync(string connectionString, CancellationToken cancellationToken)
    {
        var before = await WriteCounters.ReadAsync(connectionString, cancellationToken).ConfigureAwait(false);
        var result = await RunAsync(connectionString, cancellationToken).ConfigureAwait(false);
        var after = await WriteCounters.ReadAsync(connectionString, cancellationToken).ConfigureAwait(false);
        var evidence = new JsonObject
        {
            ["applied"] = new JsonArray(result.Applied.Select(a => (JsonNode?)a.Script).ToArray()),
            ["count"] = result.Applied.Count,
            ["migrationWrites"] = Writes(LostWritesForecast.Between(before, after)),
        };
        if (result.Failure is { } failure)
            evidence["failed"] = new JsonObject
            {
                ["script"] = failure.Script, ["statementsDone"] = failure.StatementsDone, ["statementCount"] = failure.StatementCount,
                ["partial"] = failure.IsPartial, ["line"] = failure.Line, ["message"] = failure.ToString(),
            };
        if (result.Problems.Count > 0) evidence["problems"] = new JsonArray(result.Problems.Select(p => (JsonNode?)p).ToArray());
        return (result, evidence);
    }

    private async Task<MigrationResult> RunAsync(string connectionString, CancellationToken cancellationToken)
    {
        // The runner flushes its session's table counters when it ends, so the counters read next hold every write it made.
        await using var source = Npgsql.NpgsqlDataSource.Create(connectionString);
        return await Runner(source).UpgradeAsync(cancellationToken).ConfigureAwait(false);
    }

    private static JsonObject Writes(IReadOnlyDictionary<string, TableWrites> writes) =>
        new(writes.Where(w => w.Value.Total > 0).Select(w => KeyValuePair.Create(w.Key, (JsonNode?)new JsonArray(w.Value.Inserted, w.Value.Updated, w.Value.Deleted))));

    /// <summary>What the migrations would do to <paramref name="connectionString"/>'s database; changes nothing.</summary>
    public async Task<MigrationPlan> PlanAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var source = Npgsql.NpgsqlDataSource.Create(connectionString);
        return await Runner(source).DryRunAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks the scripts up to <paramref name="version"/> as applied without running them (a database older than Runway).</summary>
    public async Task<MigrationResult> BaselineAsync(string connectionString, string version, CancellationToken cancellationToken)
    {
        await using var source = Npgsql.NpgsqlDataSource.Create(connectionString);
        var result = await Runner(source).BaselineAsync(version, cancellationToken).ConfigureAwait(false);
        if (result.Problems.Count > 0 || result.Failure is not null)
            throw new InvalidOperationException($"The baseline was refused: {result.Error}");
        return result;
    }

    private MigrationRunner Runner(Npgsql.NpgsqlDataSource source) =>
        new(source, new MigrationOptions { ScriptsDirectory = database.MigrationsDirectory }, logger, time);

    // Retention by the folder (archives this runner holds) and by the ledger (archives in the repository, which this
    // runner may never have held): the newest KeepBackups regular backups per database stay, and protected ones.
    private async Task ApplyRetentionAsync(CancellationToken cancellationToken)
    {
        var protectedBackups = await database.Backups.GetProtectedAsync(cancellationToken).ConfigureAwait(false);
        var deleted = new BackupRetention(logger).Apply(database.Options.Directory, database.KeepBackups, protectedBackups.Select(b => b.Backup.File));
        var live = await database.Backups.GetLiveAsync(cancellationToken).ConfigureAwait(false);
        var protectedIds = protectedBackups.Select(b => b.Id).ToHashSet();
        var expired = live.Where(b => !b.Backup.File.EndsWith(".safety.dump", StringComparison.Ordinal)).GroupBy(b => b.Backup.Database)
            .SelectMany(g => g.OrderByDescending(b => b.Id).Skip(database.KeepBackups)).Where(b => !protectedIds.Contains(b.Id));
        foreach (var backup in live.Where(b => deleted.Contains(b.Backup.File)).Concat(expired).DistinctBy(b => b.Id))
        {
            if (backup.Backup.Location is { } location && database.Repository is { } repository)
                await repository.DeleteAsync(location, cancellationToken).ConfigureAwait(false);
            File.Delete(backup.Backup.File);
            await database.Backups.MarkDeletedByRetentionAsync(backup.Id, cancellationToken).ConfigureAwait(false);
        }
    }
}
