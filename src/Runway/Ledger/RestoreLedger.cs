using System.Text.Json.Nodes;
using Runway.Database.Backups;

namespace Runway.Ledger;

/// <summary>A restore's swap as the ledger keeps it: its names and the last stage it reached.</summary>
/// <param name="Id">The ledger's id for it.</param>
/// <param name="DeploymentId">The deployment whose rollback ran it, if any.</param>
/// <param name="Swap">The live, staging and replaced database names.</param>
/// <param name="Stage">The last stage recorded.</param>
/// <param name="Decision">Why the restore was allowed, with the forecast of lost writes it was decided on.</param>
public sealed record StoredRestore(long Id, long? DeploymentId, DatabaseSwap Swap, RestoreStage Stage, JsonObject? Decision);

/// <summary>
/// The journal of restores: each stage of a database swap is recorded (with its event) as it is reached, so that a
/// rerun after a kill finds an unfinished swap and completes or reverts it.
/// </summary>
public sealed class RestoreLedger(LedgerDatabase database)
{
    /// <summary>Records the start of a restore of <paramref name="backupId"/> with the names of its swap.</summary>
    public Task<StoredRestore> StartAsync(long? deploymentId, DatabaseSwap swap, long? backupId, JsonObject? decision, CancellationToken cancellationToken = default) =>
        database.InTransactionAsync(async (connection, token) =>
        {
            var now = database.Now();
            var id = (await Sql.QueryAsync(connection, """
                INSERT INTO runway.restores (deployment_id, live, staging, replaced, backup_id, stage, started_at, updated_at, decision)
                VALUES ($1, $2, $3, $4, $5, 'Restoring', $6, $6, $7) RETURNING id
                """, r => r.GetInt64(0), token, deploymentId, swap.Live, swap.Staging, swap.Replaced, backupId, now, decision).ConfigureAwait(false))[0];
            await AppendAsync(connection, now, deploymentId, id, swap, RestoreStage.Restoring, null, token).ConfigureAwait(false);
            return new StoredRestore(id, deploymentId, swap, RestoreStage.Restoring, decision);
        }, cancellationToken);

    /// <summary>Records that <paramref name="restore"/> reached <paramref name="stage"/> (with the safety dump's file, once taken).</summary>
    public Task AdvanceAsync(StoredRestore restore, RestoreStage stage, string? safetyFile, CancellationToken cancellationToken = default) =>
        database.InTransactionAsync(async (connection, token) =>
        {
            var now = database.Now();
            await Sql.ExecuteAsync(connection, "UPDATE runway.restores SET stage = $2, safety_file = coalesce($3, safety_file), updated_at = $4 WHERE id = $1",
                token, restore.Id, stage, safetyFile, now).ConfigureAwait(false);
            await AppendAsync(connection, now, restore.DeploymentId, restore.Id, restore.Swap, stage, safetyFile, token).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>The newest restore into <paramref name="live"/> that neither finished nor was reverted, or null.</summary>
    public Task<StoredRestore?> FindUnfinishedAsync(string live, CancellationToken cancellationToken = default) =>
        database.ReadAsync((connection, token) => Sql.QuerySingleAsync(connection, """
            SELECT id, deployment_id, live, staging, replaced, stage, decision::text FROM runway.restores
            WHERE live = $1 AND stage NOT IN ('Done', 'Reverted') ORDER BY id DESC LIMIT 1
            """, r => new StoredRestore(r.GetInt64(0), r.NullableInt64(1), new DatabaseSwap(r.GetString(2), r.GetString(3), r.GetString(4)), r.Enum<RestoreStage>(5), r.NullableJson(6)),
            token, live), cancellationToken);

    /// <summary>A journal that records each stage of <paramref name="restore"/> here.</summary>
    public RestoreJournal JournalOf(StoredRestore restore) =>
        new((stage, safety, token) => AdvanceAsync(restore, stage, safety?.File, token));

    private static async Task AppendAsync(
        Npgsql.NpgsqlConnection connection, DateTimeOffset now, long? deploymentId, long id, DatabaseSwap swap, RestoreStage stage, string? safetyFile, CancellationToken token)
    {
        var environment = deploymentId is null ? null : (await Sql.QueryAsync(connection, "SELECT environment FROM runway.deployments WHERE id = $1",
            r => r.GetString(0), token, deploymentId).ConfigureAwait(false)).FirstOrDefault();
        await EventChain.AppendAsync(connection, now, LedgerEventTypes.RestoreStage, environment, deploymentId, new JsonObject
        {
            ["restoreId"] = id, ["live"] = swap.Live, ["staging"] = swap.Staging, ["replaced"] = swap.Replaced, ["stage"] = stage.ToString(), ["safetyFile"] = safetyFile,
        }, token).ConfigureAwait(false);
    }
}
