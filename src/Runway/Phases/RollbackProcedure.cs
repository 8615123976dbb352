using System.Diagnostics;
using System.Text.Json.Nodes;
using Runway.Database.Migrations;
using Runway.Ledger;

namespace Runway.Phases;

/// <summary>
/// Rollback: traffic back to the previous release first (and fast), the new pool removed, the database taken back
/// (undo scripts first; a restore of the pre-migration backup only under the lost-writes rule), the previous
/// release validated, and the reason recorded.
/// </summary>
/// <param name="environment">The environment, changed under the run's lock.</param>
/// <param name="smoke">Validates the previous release once it serves again.</param>
/// <param name="takeBack">Takes migrations back through their undo scripts.</param>
/// <param name="restore">Decides and runs a restore of the pre-migration backup.</param>
/// <param name="migrations">What the deployment's migrations did, from the ledger.</param>
/// <param name="database">The service's database and its backups.</param>
/// <param name="logger">The run's log.</param>
public sealed class RollbackProcedure(
    LockedEnvironment environment, SmokeSteps smoke, MigrationTakeBack takeBack, DatabaseRestoreDecision restore, DeploymentMigrations migrations,
    ServiceDatabase database, Serilog.ILogger logger)
{
    /// <summary>The ledger's name for the rollback's steps.</summary>
    public const string PhaseName = "Rollback";

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
        var snapshot = await environment.ReadAsync(cancellationToken).ConfigureAwait(false);
        var restarted = snapshot.Pool(previous) is null;
        if (restarted)
            await environment.DeployPoolAsync(previous, cancellationToken).ConfigureAwait(false);
        var weights = new Dictionary<string, int> { [previous] = 100 };
        if (snapshot.Pool(deployment.Release) is not null) weights[deployment.Release] = 0;
        // The flip waits on nothing more than the read above, unless the previous pool had to start first.
        if (restarted) await environment.SetWeightsAsync(weights, cancellationToken).ConfigureAwait(false);
        else await environment.SetWeightsAsync(weights, snapshot, cancellationToken).ConfigureAwait(false);
        var evidence = Evidence.Weights(weights);
        evidence["previousPoolRestarted"] = restarted;
        evidence["secondsToFullTraffic"] = Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds, 3);
        return Outcome(evidence);
    }

    private async Task<StepOutcome> RemoveReleaseAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        await environment.RemovePoolAsync(deployment.Release, cancellationToken).ConfigureAwait(false);
        // A bake killed or cancelled mid-way leaves its fresh baseline pool (at weight 0 once traffic is restored).
        var baselines = await BaselinePool.RemoveLeftoversAsync(environment, logger, cancellationToken).ConfigureAwait(false);
        return Outcome(new JsonObject { ["removed"] = deployment.Release, ["baselinePoolsRemoved"] = new JsonArray([.. baselines.Select(b => (JsonNode?)b)]) });
    }

    /// <summary>
    /// The database back to the previous release: the undo scripts of this deployment's migrations when each has one
    /// (or is declared compatible), keeping every row written since; otherwise a restore of the pre-migration backup,
    /// which happens only when it would lose nothing, or by an explicit decision (<c>--restore-database</c>, or yes
    /// at a terminal to the question with the figures). Without a decision the database is left as it is and the
    /// step fails saying what remains to decide; traffic is already back.
    /// </summary>
    private async Task<StepOutcome> RestoreDatabaseAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        if (await restore.RepairInterruptedRestoreAsync(deployment, cancellationToken).ConfigureAwait(false) is { } completed)
            return Outcome(completed);
        var plan = await PlanAsync(deployment, cancellationToken).ConfigureAwait(false);
        if (plan.Steps.Count == 0)
            return Outcome(new JsonObject { ["restored"] = false, ["reason"] = "no migration ran in this deployment: the database is as the previous release left it" });
        foreach (var step in plan.Steps) logger.Information("Rollback of migration {Step}", step.ToString());
        if (!plan.NeedsRestore)
            return Outcome(await takeBack.UndoAsync(database.ConnectionString, plan, cancellationToken).ConfigureAwait(false));
        return Outcome(await restore.RestoreAsync(deployment, plan, await PreMigrationBackupAsync(deployment, cancellationToken).ConfigureAwait(false), cancellationToken)
            .ConfigureAwait(false));
    }

    /// <summary>How each migration of <paramref name="deployment"/> would be taken back (a first deployment's schema too); changes nothing (<c>Rollback --dry-run</c>).</summary>
    public async Task<MigrationRollbackPlan> PlanAsync(Deployment deployment, CancellationToken cancellationToken) =>
        await takeBack.PlanAsync(await migrations.EvidenceAsync(deployment, cancellationToken).ConfigureAwait(false), cancellationToken)
            .ConfigureAwait(false);

    /// <summary>What a restore of the pre-migration backup would lose now, as one paragraph (<c>Rollback --dry-run</c>).</summary>
    public async Task<string> ForecastAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        var backup = await PreMigrationBackupAsync(deployment, cancellationToken).ConfigureAwait(false);
        var forecast = await restore.ForecastAsync(deployment, backup.Backup, cancellationToken).ConfigureAwait(false);
        return forecast.Describe(backup.Backup.Database);
    }

    internal async Task<StoredBackup> PreMigrationBackupAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        var id = await migrations.BackupIdAsync(deployment, cancellationToken).ConfigureAwait(false);
        var backups = await database.Backups.GetForDeploymentAsync(deployment.Id, cancellationToken).ConfigureAwait(false);
        return backups.FirstOrDefault(b => b.Id == id)
            ?? throw new InvalidOperationException(
                $"Deployment {deployment.Id} ran migrations but its pre-migration backup is not in the ledger; restore by hand from {database.Options.Directory} (RestoreDrill shows the latest).");
    }

    private async Task<StepOutcome> ValidatePreviousAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        if (deployment.PreviousRelease is null)
            return Outcome(new JsonObject { ["validated"] = false, ["reason"] = "no previous release runs" });
        var report = await smoke.RunAsync(environment, cancellationToken).ConfigureAwait(false);
        return Outcome(report.ToEvidence());
    }

    private static StepOutcome Outcome(JsonObject evidence) => new(evidence, new Dictionary<string, JsonObject>());
}
