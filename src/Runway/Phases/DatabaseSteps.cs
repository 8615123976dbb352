using System.Text.Json.Nodes;
using Runway.Database.Backups;
using Runway.Database.Migrations;
using Runway.Ledger;

namespace Runway.Phases;

/// <summary>The database steps phases share: a verified backup, a restore drill, the migrations.</summary>
public sealed class DatabaseSteps(DeploymentServices services)
{
    /// <summary>Backs up the environment's database, verifies it, records it, and applies retention.</summary>
    public DeploymentStep VerifiedBackup(Deployment deployment, string name = "backup-verified") => new(name, async token =>
    {
        var backup = await services.BackupStore.BackupAsync(services.Topology.DatabaseConnectionString, token).ConfigureAwait(false);
        var stored = await services.Backups.RecordAsync(deployment.Id, backup, token).ConfigureAwait(false);
        await ApplyRetentionAsync(token).ConfigureAwait(false);
        return StepOutcome.Of(Evidence.Of(backup, stored.Id), "backup-verified");
    });

    /// <summary>Restores the newest backup into a scratch database and compares row counts.</summary>
    public DeploymentStep RestoreDrill(string name = "restore-drill") => new(name, async token =>
    {
        var drill = await new RestoreDrill(services.BackupOptions, services.Logger, services.Time)
            .RunLatestAsync(services.Topology.DatabaseConnectionString, token).ConfigureAwait(false);
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

    /// <summary>Applies the migration scripts to <paramref name="connectionString"/>'s database.</summary>
    public DeploymentStep Migrations(string name, string connectionString, string check) => new(name, async token =>
    {
        var result = await MigrateAsync(connectionString, token).ConfigureAwait(false);
        return StepOutcome.Of(new JsonObject
        {
            ["applied"] = new JsonArray(result.Applied.Select(a => (JsonNode?)a.Script).ToArray()),
            ["count"] = result.Applied.Count,
        }, check);
    });

    /// <summary>Runs the migrations; throws with the failing script and position when one fails.</summary>
    public async Task<MigrationResult> MigrateAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var source = Npgsql.NpgsqlDataSource.Create(connectionString);
        var result = await Runner(source).UpgradeAsync(cancellationToken).ConfigureAwait(false);
        if (result.Problems.Count > 0 || result.Failure is not null)
            throw new InvalidOperationException($"Migrations failed: {result.Error}");
        return result;
    }

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
        new(source, new MigrationOptions { ScriptsDirectory = services.Settings.Resolve(services.Settings.MigrationsDirectory) }, services.Logger, services.Time);

    private async Task ApplyRetentionAsync(CancellationToken cancellationToken)
    {
        var protectedFiles = (await services.Backups.GetProtectedAsync(cancellationToken).ConfigureAwait(false)).Select(b => b.Backup.File);
        var deleted = new BackupRetention(services.Logger).Apply(services.BackupOptions.Directory, services.Settings.KeepBackups, protectedFiles);
        var live = await services.Backups.GetLiveAsync(cancellationToken).ConfigureAwait(false);
        foreach (var backup in live.Where(b => deleted.Contains(b.Backup.File)))
            await services.Backups.MarkDeletedByRetentionAsync(backup.Id, cancellationToken).ConfigureAwait(false);
    }
}
