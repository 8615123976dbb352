using System.Text.Json.Nodes;
using Npgsql;
using Runway.Database.Backups;
using Runway.Database.Forecast;
using Runway.Database.Migrations;
using Runway.Ledger;

namespace Runway.Phases;

/// <summary>
/// The last resort of a rollback: a restore of the pre-migration backup, which happens only when the forecast of lost
/// writes is zero, or by an explicit decision (<c>--restore-database</c>, or yes at a terminal to the question with the
/// figures); the automatic rollback never decides for anyone. Either way the ledger gets the figures.
/// </summary>
/// <param name="steps">The database steps (a backup's local copy).</param>
/// <param name="database">The service's database, its backups and the restore journal.</param>
/// <param name="migrations">What the deployment's migrations did, from the ledger.</param>
/// <param name="restoreDatabase">The operator decided ahead (<c>--restore-database</c>).</param>
/// <param name="ask">Asks the person at the terminal; null in CI.</param>
/// <param name="automatic">A rollback Runway decided (a failed phase): it never decides to lose writes.</param>
/// <param name="logger">The run's log.</param>
/// <param name="time">The clock.</param>
public sealed class DatabaseRestoreDecision(
    DatabaseSteps steps, ServiceDatabase database, DeploymentMigrations migrations, bool restoreDatabase, Func<string, bool>? ask, bool automatic,
    Serilog.ILogger logger, TimeProvider time)
{
    /// <summary>Restores, or fails with the forecast and what remains to decide (the database left as it is).</summary>
    public async Task<JsonObject> RestoreAsync(Deployment deployment, MigrationRollbackPlan plan, StoredBackup backup, CancellationToken cancellationToken)
    {
        // On a fresh runner the archive comes from the repository, checked against the ledger before anything is touched.
        backup = backup with { Backup = await steps.LocalCopyAsync(backup.Backup, cancellationToken).ConfigureAwait(false) };
        var connectionString = database.ConnectionString;
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        var forecast = await ForecastAsync(deployment, backup.Backup, cancellationToken).ConfigureAwait(false);
        logger.Warning("{Forecast}", forecast.Describe(name));
        var evidence = new JsonObject { ["path"] = "restore", ["plan"] = MigrationTakeBack.Lines(plan), ["forecast"] = forecast.ToJson() };
        var decision = Decide(forecast, name);
        evidence["decision"] = decision ?? "none";
        if (decision is null)
        {
            evidence["restored"] = false;
            throw new StepFailedException(Pending(deployment, plan, backup.Backup, forecast, name), evidence);
        }
        var atSwap = new LostWritesAtSwap(forecast.IsZero);
        var restore = await RestoreJournaledAsync(deployment, backup, atSwap, (JsonObject)evidence.DeepClone(), cancellationToken).ConfigureAwait(false);
        evidence["restored"] = true;
        // The figures once every session had ended (and flushed its counters): what the restore actually replaced.
        if (atSwap.Forecast is { } final) evidence["forecastAtSwap"] = final.ToJson();
        evidence["backup"] = Evidence.Of(restore.Restored, backup.Id);
        evidence["safetyDump"] = Evidence.Of(restore.SafetyDump);
        evidence["restoreSeconds"] = Math.Round(restore.RestoreDuration.TotalSeconds, 3);
        evidence["tables"] = restore.RowCounts.Count;
        evidence["rows"] = restore.RowCounts.Values.Sum();
        return evidence;
    }

    /// <summary>
    /// Finds a restore of the environment's database that a kill interrupted (the ledger's journal) and completes or
    /// reverts it, so that the live name holds real data again before anything else looks at it.
    /// </summary>
    /// <returns>The evidence of a restore of <paramref name="deployment"/> that the repair completed (nothing more to do), or null.</returns>
    public async Task<JsonObject?> RepairInterruptedRestoreAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        var connectionString = database.ConnectionString;
        var restores = database.Restores;
        var unfinished = await restores.FindUnfinishedAsync(new NpgsqlConnectionStringBuilder(connectionString).Database!, cancellationToken).ConfigureAwait(false);
        if (unfinished is null) return null;
        logger.Warning("Found restore {RestoreId} of {Database} interrupted at stage {Stage}", unfinished.Id, unfinished.Swap.Live, unfinished.Stage);
        var outcome = await RestoreRecovery.RecoverAsync(connectionString, unfinished.Swap, unfinished.Stage, logger, cancellationToken).ConfigureAwait(false);
        await restores.AdvanceAsync(unfinished, outcome, null, cancellationToken).ConfigureAwait(false);
        if (outcome != RestoreStage.Done || unfinished.DeploymentId != deployment.Id) return null;
        var evidence = unfinished.Decision ?? [];
        evidence["restored"] = true;
        evidence["restoreId"] = unfinished.Id;
        evidence["completedAfterInterruption"] = unfinished.Stage.ToString();
        return evidence;
    }

    // Every stage goes to the ledger's journal; the safety dump is recorded as a backup as soon as it exists. The last
    // look before the swap, once no session is left, takes the final figures; after a zero forecast it calls the
    // restore off if anything was written since.
    private async Task<RestoreResult> RestoreJournaledAsync(
        Deployment deployment, StoredBackup backup, LostWritesAtSwap atSwap, JsonObject decision, CancellationToken cancellationToken)
    {
        var connectionString = database.ConnectionString;
        var restores = database.Restores;
        var swap = new DatabaseRestorer(database.Store, database.Options, logger, time).SwapFor(connectionString);
        var stored = await restores.StartAsync(deployment.Id, swap, backup.Id, decision, cancellationToken).ConfigureAwait(false);
        var restorer = new DatabaseRestorer(database.Store, database.Options, logger, time)
        {
            Journal = new RestoreJournal(async (stage, safety, token) =>
            {
                await restores.AdvanceAsync(stored, stage, safety?.File, token).ConfigureAwait(false);
                if (stage == RestoreStage.SafetyDumped) await database.Backups.RecordAsync(deployment.Id, safety!, token).ConfigureAwait(false);
            }),
            BeforeSwap = backup.Backup.Counters is null ? null : (replaced, token) => LastLookAsync(deployment, backup.Backup, replaced, atSwap, token),
        };
        return await restorer.RestoreAsync(connectionString, backup.Backup, cancellationToken, swap).ConfigureAwait(false);
    }

    private async Task LastLookAsync(Deployment deployment, BackupRecord backup, string replacedConnectionString, LostWritesAtSwap atSwap, CancellationToken cancellationToken)
    {
        var now = await WriteCounters.ReadAsync(replacedConnectionString, cancellationToken).ConfigureAwait(false);
        var forecast = atSwap.Forecast = LostWritesForecast.Compute(backup.Counters!, now, await MigrationWritesAsync(deployment, cancellationToken).ConfigureAwait(false));
        if (atSwap.MustStayZero && !forecast.IsZero)
            throw new BackupFailedException($"Restore called off, the database is back as it was: rows were written since the forecast of zero. {forecast.Describe(backup.Database)} Run Rollback again to decide.");
    }

    /// <summary>The last look at the writes a restore replaces, taken at the swap.</summary>
    private sealed class LostWritesAtSwap(bool mustStayZero)
    {
        public bool MustStayZero { get; } = mustStayZero;

        public LostWritesForecast? Forecast { get; set; }
    }

    private async Task<Dictionary<string, TableWrites>?> MigrationWritesAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        return MigrationWrites(await migrations.EvidenceAsync(deployment, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>What a restore of <paramref name="backup"/> would lose now, leaving out the migration's own writes.</summary>
    public async Task<LostWritesForecast> ForecastAsync(Deployment deployment, BackupRecord backup, CancellationToken cancellationToken)
    {
        if (backup.Counters is null)
            return new LostWritesForecast([], "the backup was taken without write counters (before Runway recorded them)", null);
        var now = await WriteCounters.ReadAsync(database.ConnectionString, cancellationToken).ConfigureAwait(false);
        return LostWritesForecast.Compute(backup.Counters, now, await MigrationWritesAsync(deployment, cancellationToken).ConfigureAwait(false));
    }

    private string? Decide(LostWritesForecast forecast, string name)
    {
        if (forecast.IsZero) return "forecast zero: nothing written since the backup";
        if (automatic) return null;
        if (restoreDatabase) return "--restore-database";
        if (ask is not null
            && ask($"{forecast.Describe(name)}{Environment.NewLine}Restore {name} anyway and lose them (a safety dump keeps them)?"))
            return "confirmed at the terminal";
        return null;
    }

    private string Pending(Deployment deployment, MigrationRollbackPlan plan, BackupRecord backup, LostWritesForecast forecast, string name)
    {
        var restoreOnly = plan.Steps.Where(s => s.Path == RollbackPath.Restore).Select(s => s.Script).ToList();
        var nl = Environment.NewLine;
        return $"{forecast.Describe(name)}{nl}" +
            $"Traffic is back on {deployment.PreviousRelease ?? "nothing"}; the database {name} is left as it is, with the schema of {deployment.Release}" +
            $"{(automatic ? " (an automatic rollback restores only when nothing would be lost)" : "")}. It remains to decide one of:{nl}" +
            $"  ./build.sh Rollback --restore-database   restore {Path.GetFileName(backup.File)} and lose those writes (a safety dump keeps them){nl}" +
            $"  add undo scripts for {string.Join(", ", restoreOnly)} (U<version>__<name>.sql) and run ./build.sh Rollback again, keeping every row{nl}" +
            "  keep the database as it is and deploy a release that works with it";
    }

    private static Dictionary<string, TableWrites>? MigrationWrites(JsonObject? evidence) =>
        (evidence?["migrationWrites"] as JsonObject)?.ToDictionary(t => t.Key,
            t => new TableWrites(t.Value![0]!.GetValue<long>(), t.Value[1]!.GetValue<long>(), t.Value[2]!.GetValue<long>()), StringComparer.Ordinal);
}
