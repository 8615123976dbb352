using System.Diagnostics;
using System.Text.Json.Nodes;
using Runway.Database.Backups;
using Runway.Ledger;

namespace Runway.Phases;

/// <summary>
/// Rollback: traffic back to the previous release first (and fast), the new pool removed, the database restored
/// from the pre-migration backup when a migration ran (after a safety dump of what is there now), the previous
/// release validated, and the reason recorded.
/// </summary>
public sealed class RollbackProcedure(DeploymentServices services)
{
    /// <summary>The ledger's name for the rollback's steps.</summary>
    public const string PhaseName = "Rollback";

    private readonly SmokeSteps _smoke = new(services);

    /// <summary>The steps that take <paramref name="deployment"/> back.</summary>
    public IReadOnlyList<DeploymentStep> Steps(Deployment deployment) =>
    [
        new("traffic-restored", token => RestoreTrafficAsync(deployment, token)),
        new("release-pool-removed", token => RemoveReleaseAsync(deployment, token)),
        new("database-restored", token => RestoreDatabaseAsync(deployment, token)),
        new("previous-validated", token => ValidatePreviousAsync(deployment, token)),
    ];

    private async Task<StepOutcome> RestoreTrafficAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        if (deployment.PreviousRelease is not { } previous)
            return Outcome(new JsonObject { ["previousRelease"] = null, ["note"] = "first deployment: no previous release to send traffic to" });
        var started = Stopwatch.GetTimestamp();
        var snapshot = await services.Environment.ReadAsync(cancellationToken).ConfigureAwait(false);
        var restarted = snapshot.Pool(previous) is null;
        if (restarted)
            await services.Environment.DeployPoolAsync(previous, cancellationToken).ConfigureAwait(false);
        var weights = new Dictionary<string, int> { [previous] = 100 };
        if (snapshot.Pool(deployment.Release) is not null) weights[deployment.Release] = 0;
        await services.Environment.SetWeightsAsync(weights, cancellationToken).ConfigureAwait(false);
        var evidence = Evidence.Weights(weights);
        evidence["previousPoolRestarted"] = restarted;
        evidence["secondsToFullTraffic"] = Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds, 3);
        return Outcome(evidence);
    }

    private async Task<StepOutcome> RemoveReleaseAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        await services.Environment.RemovePoolAsync(deployment.Release, cancellationToken).ConfigureAwait(false);
        return Outcome(new JsonObject { ["removed"] = deployment.Release });
    }

    private async Task<StepOutcome> RestoreDatabaseAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        var migrations = await services.Deployments.FindCompletedStepAsync(deployment.Id, nameof(Checklists.ChecklistPhase.Migration), MigrationPhase.MigrationsStep, cancellationToken)
            .ConfigureAwait(false);
        var applied = migrations?.Evidence?["count"]?.GetValue<int>() ?? 0;
        if (applied == 0)
            return Outcome(new JsonObject { ["restored"] = false, ["reason"] = "no migration ran in this deployment: the database is as the previous release left it" });
        var backup = await PreMigrationBackupAsync(deployment, cancellationToken).ConfigureAwait(false);
        var restore = await new DatabaseRestorer(services.BackupStore, services.BackupOptions, services.Logger, services.Time)
            .RestoreAsync(services.Topology.DatabaseConnectionString, backup, cancellationToken).ConfigureAwait(false);
        await services.Backups.RecordAsync(deployment.Id, restore.SafetyDump, cancellationToken).ConfigureAwait(false);
        return Outcome(new JsonObject
        {
            ["restored"] = true,
            ["backup"] = Evidence.Of(restore.Restored),
            ["safetyDump"] = Evidence.Of(restore.SafetyDump),
            ["restoreSeconds"] = Math.Round(restore.RestoreDuration.TotalSeconds, 3),
            ["tables"] = restore.RowCounts.Count,
            ["rows"] = restore.RowCounts.Values.Sum(),
        });
    }

    private async Task<BackupRecord> PreMigrationBackupAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        var step = await services.Deployments.FindCompletedStepAsync(deployment.Id, nameof(Checklists.ChecklistPhase.Migration), MigrationPhase.BackupStep, cancellationToken)
            .ConfigureAwait(false);
        var id = step?.Evidence?["backupId"]?.GetValue<long>();
        var backups = await services.Backups.GetForDeploymentAsync(deployment.Id, cancellationToken).ConfigureAwait(false);
        return backups.FirstOrDefault(b => b.Id == id)?.Backup
            ?? throw new InvalidOperationException(
                $"Deployment {deployment.Id} ran migrations but its pre-migration backup is not in the ledger; restore by hand from {services.BackupOptions.Directory} (RestoreDrill shows the latest).");
    }

    private async Task<StepOutcome> ValidatePreviousAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        if (deployment.PreviousRelease is null)
            return Outcome(new JsonObject { ["validated"] = false, ["reason"] = "no previous release runs" });
        var report = await _smoke.RunAsync(services.Environment, cancellationToken).ConfigureAwait(false);
        return Outcome(report.ToEvidence());
    }

    private static StepOutcome Outcome(JsonObject evidence) => new(evidence, new Dictionary<string, JsonObject>());
}
