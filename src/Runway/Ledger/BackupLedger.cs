using System.Text.Json.Nodes;
using Npgsql;
using Runway.Database.Backups;
using Runway.Database.Forecast;

namespace Runway.Ledger;

/// <summary>
/// The backups deployments took, and which of them retention must keep. Every change appends its event in the
/// same transaction.
/// </summary>
public sealed class BackupLedger(LedgerDatabase database)
{
    private const string Columns =
        "b.id, b.deployment_id, b.file, b.size_bytes, b.sha256, b.duration, b.database, b.server_version, b.created_at, b.verified, b.deleted_at, b.write_counters::text, b.location";

    /// <summary>Records a backup taken for <paramref name="deploymentId"/> (null for one taken outside a deployment).</summary>
    public Task<StoredBackup> RecordAsync(long? deploymentId, BackupRecord backup, CancellationToken cancellationToken = default) =>
        database.InTransactionAsync(async (connection, token) =>
        {
            var stored = (await Sql.QueryAsync(connection, $"""
                WITH b AS (
                    INSERT INTO runway.backups (deployment_id, file, size_bytes, sha256, duration, database, server_version, created_at, verified, write_counters, location)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *)
                SELECT {Columns}, (SELECT environment FROM runway.deployments d WHERE d.id = b.deployment_id) FROM b
                """, r => (Backup: Map(r), Environment: r.NullableString(13)), token, deploymentId, backup.File, backup.SizeBytes, backup.Sha256,
                backup.Duration, backup.Database, backup.ServerVersion, backup.CreatedAt.ToUniversalTime(), backup.Verified,
                backup.Counters?.ToJson(), backup.Location).ConfigureAwait(false))[0];
            await EventChain.AppendAsync(connection, database.Now(), LedgerEventTypes.BackupRecorded, stored.Environment, deploymentId, new JsonObject
            {
                ["backupId"] = stored.Backup.Id, ["file"] = backup.File, ["sha256"] = backup.Sha256,
                ["database"] = backup.Database, ["verified"] = backup.Verified, ["sizeBytes"] = backup.SizeBytes, ["location"] = backup.Location,
                ["writeCounters"] = backup.Counters?.ToJson(),
            }, token).ConfigureAwait(false);
            return stored.Backup;
        }, cancellationToken);

    /// <summary>Flags a backup as deleted by retention. Fails when it is unknown, already deleted, or protected.</summary>
    public Task<StoredBackup> MarkDeletedByRetentionAsync(long backupId, CancellationToken cancellationToken = default) =>
        database.InTransactionAsync(async (connection, token) =>
        {
            var now = database.Now();
            var stored = await Sql.QuerySingleAsync(connection, $"""
                WITH b AS (UPDATE runway.backups SET deleted_at = $2 WHERE id = $1 AND deleted_at IS NULL
                           AND id NOT IN (SELECT id FROM ({ProtectedIds}) protected) RETURNING *)
                SELECT {Columns} FROM b
                """, Map, token, backupId, now).ConfigureAwait(false)
                ?? throw new InvalidOperationException(
                    $"Backup {backupId} cannot be marked deleted: it is unknown, already deleted, or protected (a running or the last successful deployment needs it).");
            await EventChain.AppendAsync(connection, now, LedgerEventTypes.BackupDeleted, null, stored.DeploymentId,
                new JsonObject { ["backupId"] = backupId, ["file"] = stored.Backup.File }, token).ConfigureAwait(false);
            return stored;
        }, cancellationToken);

    /// <summary>The backups a deployment recorded, oldest first.</summary>
    public Task<IReadOnlyList<StoredBackup>> GetForDeploymentAsync(long deploymentId, CancellationToken cancellationToken = default) =>
        database.ReadAsync((connection, token) => Sql.QueryAsync(connection,
            $"SELECT {Columns} FROM runway.backups b WHERE b.deployment_id = $1 ORDER BY b.id", Map, token, deploymentId), cancellationToken);

    /// <summary>The newest regular (not safety) backup of <paramref name="databaseName"/> whose archive retention kept, or null.</summary>
    public Task<StoredBackup?> GetLatestAsync(string databaseName, CancellationToken cancellationToken = default) =>
        database.ReadAsync((connection, token) => Sql.QuerySingleAsync(connection,
            $"SELECT {Columns} FROM runway.backups b WHERE b.database = $1 AND b.deleted_at IS NULL AND b.file NOT LIKE '%.safety.dump' ORDER BY b.id DESC LIMIT 1",
            Map, token, databaseName), cancellationToken);

    /// <summary>Every backup whose archive still exists, oldest first: the candidates retention looks at.</summary>
    public Task<IReadOnlyList<StoredBackup>> GetLiveAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync((connection, token) => Sql.QueryAsync(connection,
            $"SELECT {Columns} FROM runway.backups b WHERE b.deleted_at IS NULL ORDER BY b.id", Map, token), cancellationToken);

    /// <summary>
    /// The live backups retention must never delete: those of unfinished (Running or Failed, not yet rolled back)
    /// deployments and of each environment's last succeeded deployment.
    /// </summary>
    public Task<IReadOnlyList<StoredBackup>> GetProtectedAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync((connection, token) => Sql.QueryAsync(connection,
            $"SELECT {Columns} FROM runway.backups b WHERE b.id IN (SELECT id FROM ({ProtectedIds}) protected) ORDER BY b.id", Map, token), cancellationToken);

    // A Failed deployment may still be rolled back, and its rollback restores from these backups.
    private const string ProtectedIds = """
        SELECT pb.id FROM runway.backups pb JOIN runway.deployments d ON d.id = pb.deployment_id
        WHERE pb.deleted_at IS NULL AND (d.state IN ('Running', 'Failed') OR d.id IN (
            SELECT max(s.id) FROM runway.deployments s WHERE s.state = 'Succeeded' GROUP BY s.environment))
        """;

    private static StoredBackup Map(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.NullableInt64(1),
        new BackupRecord(r.GetString(2), r.GetInt64(3), r.GetString(4), r.GetFieldValue<TimeSpan>(5), r.GetString(6), r.GetString(7),
            r.Timestamp(8), r.GetBoolean(9))
        {
            Counters = r.NullableJson(11) is { } counters ? WriteCounters.FromJson(counters) : null,
            Location = r.NullableString(12),
        },
        r.NullableTimestamp(10));
}
