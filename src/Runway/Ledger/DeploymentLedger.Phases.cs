using System.Text.Json.Nodes;
using Npgsql;

namespace Runway.Ledger;

public sealed partial class DeploymentLedger
{
    private const string PhaseColumns = "deployment_id, name, status, started_at, ended_at, error";

    /// <summary>
    /// Starts (or restarts, after a failure or crash) a phase of a deployment. Fails when the phase already
    /// succeeded in this deployment: check <see cref="FindCompletedPhaseAsync"/> first and skip it.
    /// </summary>
    public Task<PhaseRecord> StartPhaseAsync(long deploymentId, string phase, CancellationToken cancellationToken = default) =>
        database.InTransactionAsync(async (connection, token) =>
        {
            var environment = await EnvironmentOfAsync(connection, deploymentId, token).ConfigureAwait(false);
            var now = database.Now();
            var record = await Sql.QuerySingleAsync(connection, $"""
                INSERT INTO runway.phases (deployment_id, name, status, started_at) VALUES ($1, $2, 'Running', $3)
                ON CONFLICT (deployment_id, name) DO UPDATE SET status = 'Running', started_at = EXCLUDED.started_at, ended_at = NULL, error = NULL
                WHERE runway.phases.status <> 'Succeeded'
                RETURNING {PhaseColumns}
                """, MapPhase, token, deploymentId, phase, now).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Phase {phase} already succeeded in deployment {deploymentId}: skip it instead of starting it again.");
            await EventChain.AppendAsync(connection, now, LedgerEventTypes.PhaseStarted, environment, deploymentId,
                new JsonObject { ["phase"] = phase }, token).ConfigureAwait(false);
            return record;
        }, cancellationToken);

    /// <summary>Ends a running phase as Succeeded, Failed or Skipped; <paramref name="error"/> says why it failed or was skipped.</summary>
    public Task<PhaseRecord> FinishPhaseAsync(long deploymentId, string phase, WorkStatus status, string? error = null, CancellationToken cancellationToken = default)
    {
        RefuseRunning(status);
        error = database.Masker.ApplyOrNull(error);
        return database.InTransactionAsync(async (connection, token) =>
        {
            var environment = await EnvironmentOfAsync(connection, deploymentId, token).ConfigureAwait(false);
            var now = database.Now();
            var record = await Sql.QuerySingleAsync(connection, $"""
                UPDATE runway.phases SET status = $3, ended_at = $4, error = $5
                WHERE deployment_id = $1 AND name = $2 AND status = 'Running'
                RETURNING {PhaseColumns}
                """, MapPhase, token, deploymentId, phase, status, now, error).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Phase {phase} of deployment {deploymentId} is not running: start it before finishing it.");
            await EventChain.AppendAsync(connection, now, LedgerEventTypes.PhaseFinished, environment, deploymentId,
                new JsonObject { ["phase"] = phase, ["status"] = status.ToString(), ["error"] = error }, token).ConfigureAwait(false);
            return record;
        }, cancellationToken);
    }

    private static void RefuseRunning(WorkStatus status)
    {
        if (status == WorkStatus.Running)
            throw new ArgumentException("Finish with Succeeded, Failed or Skipped, not Running.", nameof(status));
    }

    private static PhaseRecord MapPhase(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.Enum<WorkStatus>(2), r.Timestamp(3), r.NullableTimestamp(4), r.NullableString(5));
}
