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
internal sealed class DatabaseRestoreDecision(DeploymentServices services, bool automatic)
{
    /// <summary>Restores, or fails with the forecast and what remains to decide (the database left as it is).</summary>
    public async Task<JsonObject> RestoreAsync(Deployment deployment, MigrationRollbackPlan plan, StoredBackup backup, CancellationToken cancellationToken)
    {
        var connectionString = services.Topology.DatabaseConnectionString;
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        var forecast = await ForecastAsync(deployment, backup.Backup, cancellationToken).ConfigureAwait(false);
        services.Logger.Warning("{Forecast}", forecast.Describe(database));
        var evidence = new JsonObject { ["path"] = "restore", ["plan"] = MigrationTakeBack.Lines(plan), ["forecast"] = forecast.ToJson() };
        var decision = Decide(forecast, database);
        evidence["decision"] = decision ?? "none";
        if (decision is null)
        {
            evidence["restored"] = false;
            throw new StepFailedException(Pending(deployment, plan, backup.Backup, forecast, database), evidence);
        }
        var restore = await new DatabaseRestorer(services.BackupStore, services.BackupOptions, services.Logger, services.Time)
            .RestoreAsync(connectionString, backup.Backup, cancellationToken).ConfigureAwait(false);
        await services.Backups.RecordAsync(deployment.Id, restore.SafetyDump, cancellationToken).ConfigureAwait(false);
        evidence["restored"] = true;
        evidence["backup"] = Evidence.Of(restore.Restored, backup.Id);
        evidence["safetyDump"] = Evidence.Of(restore.SafetyDump);
        evidence["restoreSeconds"] = Math.Round(restore.RestoreDuration.TotalSeconds, 3);
        evidence["tables"] = restore.RowCounts.Count;
        evidence["rows"] = restore.RowCounts.Values.Sum();
        return evidence;
    }

    /// <summary>What a restore of <paramref name="backup"/> would lose now, leaving out the migration's own writes.</summary>
    public async Task<LostWritesForecast> ForecastAsync(Deployment deployment, BackupRecord backup, CancellationToken cancellationToken)
    {
        if (backup.Counters is null)
            return new LostWritesForecast([], "the backup was taken without write counters (before Runway recorded them)", null);
        var now = await WriteCounters.ReadAsync(services.Topology.DatabaseConnectionString, cancellationToken).ConfigureAwait(false);
        var step = await services.Deployments.FindStepAsync(deployment.Id, nameof(Checklists.ChecklistPhase.Migration), MigrationPhase.MigrationsStep, cancellationToken)
            .ConfigureAwait(false);
        return LostWritesForecast.Compute(backup.Counters, now, MigrationWrites(step?.Evidence));
    }

    private string? Decide(LostWritesForecast forecast, string database)
    {
        if (forecast.IsZero) return "forecast zero: nothing written since the backup";
        if (automatic) return null;
        if (services.Settings.RestoreDatabase) return "--restore-database";
        if (services.Settings.Interactive && services.Settings.Confirm is { } confirm
            && confirm($"{forecast.Describe(database)}{Environment.NewLine}Restore {database} anyway and lose them (a safety dump keeps them)?"))
            return "confirmed at the terminal";
        return null;
    }

    private string Pending(Deployment deployment, MigrationRollbackPlan plan, BackupRecord backup, LostWritesForecast forecast, string database)
    {
        var restoreOnly = plan.Steps.Where(s => s.Path == RollbackPath.Restore).Select(s => s.Script).ToList();
        var nl = Environment.NewLine;
        return $"{forecast.Describe(database)}{nl}" +
            $"Traffic is back on {deployment.PreviousRelease ?? "nothing"}; the database {database} is left as it is, with the schema of {deployment.Release}" +
            $"{(automatic ? " (an automatic rollback restores only when nothing would be lost)" : "")}. It remains to decide one of:{nl}" +
            $"  ./build.sh Rollback --restore-database   restore {Path.GetFileName(backup.File)} and lose those writes (a safety dump keeps them){nl}" +
            $"  add undo scripts for {string.Join(", ", restoreOnly)} (U<version>__<name>.sql) and run ./build.sh Rollback again, keeping every row{nl}" +
            "  keep the database as it is and deploy a release that works with it";
    }

    private static Dictionary<string, TableWrites>? MigrationWrites(JsonObject? evidence) =>
        (evidence?["migrationWrites"] as JsonObject)?.ToDictionary(t => t.Key,
            t => new TableWrites(t.Value![0]!.GetValue<long>(), t.Value[1]!.GetValue<long>(), t.Value[2]!.GetValue<long>()), StringComparer.Ordinal);
}
