using System.Text.Json.Nodes;
using Npgsql;

namespace Runway.Ledger;

public sealed partial class DeploymentLedger
{
    private const string StepColumns = "s.name, s.status, s.started_at, s.ended_at, s.error, s.evidence::text";

    /// <summary>
    /// Starts (or restarts) a step of a started phase. Fails when the phase was not started or the step already
    /// succeeded in this deployment: check <see cref="FindCompletedStepAsync"/> first.
    /// </summary>
    public Task<StepRecord> StartStepAsync(long deploymentId, string phase, string step, CancellationToken cancellationToken = default) =>
        database.InTransactionAsync(async (connection, token) =>
        {
            var environment = await EnvironmentOfAsync(connection, deploymentId, token).ConfigureAwait(false);
            var now = database.Now();
            var record = await Sql.QuerySingleAsync(connection, $"""
                WITH s AS (
                    INSERT INTO runway.steps (phase_id, name, status, started_at)
                    SELECT p.id, $3, 'Running', $4 FROM runway.phases p WHERE p.deployment_id = $1 AND p.name = $2
                    ON CONFLICT (phase_id, name) DO UPDATE
                        SET status = 'Running', started_at = EXCLUDED.started_at, ended_at = NULL, error = NULL, evidence = NULL
                    WHERE runway.steps.status <> 'Succeeded'
                    RETURNING *)
                SELECT {StepColumns} FROM s
                """, r => MapStep(deploymentId, phase, r), token, deploymentId, phase, step, now).ConfigureAwait(false)
                ?? throw new InvalidOperationException(
                    $"Step {step} of phase {phase} in deployment {deploymentId} cannot start: the phase was not started, or the step already succeeded (skip it).");
            await EventChain.AppendAsync(connection, now, LedgerEventTypes.StepStarted, environment, deploymentId,
                new JsonObject { ["phase"] = phase, ["step"] = step }, token).ConfigureAwait(false);
            return record;
        }, cancellationToken);

    /// <summary>
    /// Ends a running step as Succeeded, Failed or Skipped, with what it proved as <paramref name="evidence"/>, and
    /// records <paramref name="proofs"/> (the checklist marks it gives) in the same transaction: a crash never keeps
    /// the step without its proofs, which a resume would then never record, since it skips the finished step.
    /// </summary>
    public Task<StepRecord> FinishStepAsync(
        long deploymentId, string phase, string step, WorkStatus status, string? error = null, JsonObject? evidence = null,
        CancellationToken cancellationToken = default, IReadOnlyList<ChecklistMark>? proofs = null)
    {
        RefuseRunning(status);
        (error, evidence) = (database.Masker.ApplyOrNull(error), database.Masker.Apply(evidence));
        return database.InTransactionAsync(async (connection, token) =>
        {
            var environment = await EnvironmentOfAsync(connection, deploymentId, token).ConfigureAwait(false);
            var now = database.Now();
            var record = await Sql.QuerySingleAsync(connection, $"""
                UPDATE runway.steps s SET status = $4, ended_at = $5, error = $6, evidence = $7
                FROM runway.phases p
                WHERE s.phase_id = p.id AND p.deployment_id = $1 AND p.name = $2 AND s.name = $3 AND s.status = 'Running'
                RETURNING {StepColumns}
                """, r => MapStep(deploymentId, phase, r), token, deploymentId, phase, step, status, now, error, evidence).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Step {step} of phase {phase} in deployment {deploymentId} is not running: start it before finishing it.");
            await EventChain.AppendAsync(connection, now, LedgerEventTypes.StepFinished, environment, deploymentId, new JsonObject
            {
                ["phase"] = phase, ["step"] = step, ["status"] = status.ToString(), ["error"] = error, ["evidence"] = evidence?.DeepClone(),
            }, token).ConfigureAwait(false);
            foreach (var proof in proofs ?? [])
                await ChecklistMarks.InsertAsync(connection, database, proof, token).ConfigureAwait(false);
            return record;
        }, cancellationToken);
    }

    /// <summary>The step as last recorded, in any status (a failed step keeps what it measured), or null when it never started.</summary>
    public Task<StepRecord?> FindStepAsync(long deploymentId, string phase, string step, CancellationToken cancellationToken = default) =>
        database.ReadAsync((connection, token) => Sql.QuerySingleAsync(connection, $"""
            SELECT {StepColumns} FROM runway.steps s JOIN runway.phases p ON p.id = s.phase_id
            WHERE p.deployment_id = $1 AND p.name = $2 AND s.name = $3
            """, r => MapStep(deploymentId, phase, r), token, deploymentId, phase, step), cancellationToken);

    private static StepRecord MapStep(long deploymentId, string phase, NpgsqlDataReader r) => new(
        deploymentId, phase, r.GetString(0), r.Enum<WorkStatus>(1), r.Timestamp(2), r.NullableTimestamp(3), r.NullableString(4), r.NullableJson(5));
}
