using System.Text.Json.Nodes;
using Npgsql;

namespace Runway.Ledger;

/// <summary>
/// Deployments, their phases and their steps. Every change appends its event to the <see cref="EventLog"/> in
/// the same transaction. Queries for resuming a deployment live in <c>DeploymentLedger.Queries.cs</c>.
/// </summary>
public sealed partial class DeploymentLedger(LedgerDatabase database)
{
    private const string DeploymentColumns =
        "id, environment, release, previous_release, state, started_by, host, started_at, ended_at, failure_reason";

    /// <summary>
    /// Starts a deployment in state Running; its previous release is the environment's last succeeded one. Fails
    /// when the environment already has a running deployment (resume or finish that one first).
    /// </summary>
    public async Task<Deployment> StartDeploymentAsync(DeploymentStart start, CancellationToken cancellationToken = default)
    {
        try
        {
            return await database.InTransactionAsync((connection, token) => InsertDeploymentAsync(connection, start, token), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.ConstraintName == "deployments_one_running")
        {
            var active = await GetActiveDeploymentAsync(start.Environment, cancellationToken).ConfigureAwait(false);
            throw new InvalidOperationException(
                $"Cannot start deploying {start.Release} to '{start.Environment}': deployment {active?.Id} of {active?.Release} " +
                $"(started by {active?.StartedBy} at {active?.StartedAt:u}) is still Running. Resume it, or finish it as Aborted first.", ex);
        }
    }

    /// <summary>
    /// Ends a running deployment in <paramref name="state"/> (not Running). A Failed deployment, or a Succeeded one that
    /// on-call takes back, may still become RolledBack. Fails when the deployment does not exist or has already ended otherwise.
    /// </summary>
    public Task<Deployment> FinishDeploymentAsync(long deploymentId, DeploymentState state, string? failureReason = null, CancellationToken cancellationToken = default)
    {
        if (state == DeploymentState.Running)
            throw new ArgumentException("A deployment cannot finish as Running: pass Succeeded, Failed, RolledBack or Aborted.", nameof(state));
        failureReason = database.Masker.ApplyOrNull(failureReason);
        return database.InTransactionAsync(async (connection, token) =>
        {
            var now = database.Now();
            var deployment = await Sql.QuerySingleAsync(connection, $"""
                UPDATE runway.deployments SET state = $2, ended_at = $3, failure_reason = $4
                WHERE id = $1 AND (state = 'Running' OR (state IN ('Failed', 'Succeeded') AND $2 = 'RolledBack'))
                RETURNING {DeploymentColumns}
                """, MapDeployment, token, deploymentId, state, now, failureReason).ConfigureAwait(false)
                ?? throw new InvalidOperationException(
                    $"Cannot finish deployment {deploymentId} as {state}: it does not exist or has already ended (only Failed or Succeeded may still become RolledBack).");
            await EventChain.AppendAsync(connection, now, LedgerEventTypes.DeploymentFinished, deployment.Environment, deployment.Id,
                new JsonObject { ["state"] = state.ToString(), ["failureReason"] = failureReason }, token).ConfigureAwait(false);
            return deployment;
        }, cancellationToken);
    }

    private async Task<Deployment> InsertDeploymentAsync(NpgsqlConnection connection, DeploymentStart start, CancellationToken token)
    {
        var now = database.Now();
        var deployment = (await Sql.QuerySingleAsync(connection, $"""
            INSERT INTO runway.deployments (environment, release, previous_release, state, started_by, host, started_at)
            VALUES ($1, $2, (SELECT release FROM runway.deployments WHERE environment = $1 AND state = 'Succeeded' ORDER BY id DESC LIMIT 1),
                    'Running', $3, $4, $5)
            RETURNING {DeploymentColumns}
            """, MapDeployment, token, start.Environment, start.Release, start.StartedBy, start.Host, now).ConfigureAwait(false))!;
        await EventChain.AppendAsync(connection, now, LedgerEventTypes.DeploymentStarted, deployment.Environment, deployment.Id, new JsonObject
        {
            ["release"] = deployment.Release,
            ["previousRelease"] = deployment.PreviousRelease,
            ["startedBy"] = deployment.StartedBy,
            ["host"] = deployment.Host,
            ["parameters"] = start.Parameters is null ? null
                : new JsonObject(start.Parameters.Select(p => KeyValuePair.Create(p.Key, p.Value is null ? null : (JsonNode?)JsonValue.Create(p.Value)))),
        }, token).ConfigureAwait(false);
        // Logged once, by the session that started it (with the previous release), not here too.
        return deployment;
    }

    private static Deployment MapDeployment(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.NullableString(3), r.Enum<DeploymentState>(4),
        r.GetString(5), r.GetString(6), r.Timestamp(7), r.NullableTimestamp(8), r.NullableString(9));

    private static async Task<string> EnvironmentOfAsync(NpgsqlConnection connection, long deploymentId, CancellationToken token) =>
        (await Sql.QuerySingleAsync(connection, "SELECT environment FROM runway.deployments WHERE id = $1", r => r.GetString(0), token, deploymentId)
            .ConfigureAwait(false))
        ?? throw new InvalidOperationException($"Deployment {deploymentId} does not exist in the ledger: start a deployment first.");
}
