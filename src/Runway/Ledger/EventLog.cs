using System.Text.Json.Nodes;
using Npgsql;

namespace Runway.Ledger;

/// <summary>
/// Reads and verifies the append-only event log. Appends happen only inside the ledger's own mutations, in the
/// same transaction as the change they record; a trigger refuses UPDATE, DELETE and TRUNCATE on the table.
/// </summary>
public sealed class EventLog(LedgerDatabase database)
{
    private const string Columns = "id, at, type, environment, deployment_id, payload::text, prev_hash, hash";
    private const int BatchSize = 1000;

    /// <summary>Up to <paramref name="limit"/> events after id <paramref name="afterId"/>, oldest first.</summary>
    public Task<IReadOnlyList<LedgerEvent>> ReadAsync(long afterId = 0, int limit = BatchSize, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<LedgerEvent>>((connection, token) => Sql.QueryAsync(connection,
            $"SELECT {Columns} FROM runway.events WHERE id > $1 ORDER BY id LIMIT $2", Map, token, afterId, limit), cancellationToken);

    /// <summary>Every event of one deployment, oldest first.</summary>
    public Task<IReadOnlyList<LedgerEvent>> ReadForDeploymentAsync(long deploymentId, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<LedgerEvent>>((connection, token) => Sql.QueryAsync(connection,
            $"SELECT {Columns} FROM runway.events WHERE deployment_id = $1 ORDER BY id", Map, token, deploymentId), cancellationToken);

    /// <summary>
    /// Walks the whole log in order and returns the first event whose link to its predecessor or whose own hash does
    /// not match (a changed, removed or inserted row), or a valid result with the number of events checked.
    /// </summary>
    public async Task<ChainVerification> VerifyChainAsync(CancellationToken cancellationToken = default)
    {
        var previous = EventChain.Genesis;
        long checkedCount = 0, afterId = 0;
        while (true)
        {
            var batch = await database.ReadAsync((connection, token) => Sql.QueryAsync(connection,
                "SELECT id, at, type, payload::text, prev_hash, hash, environment, deployment_id, hash_version FROM runway.events WHERE id > $1 ORDER BY id LIMIT $2",
                r => (Id: r.GetInt64(0), At: r.Timestamp(1), Type: r.GetString(2), Payload: r.GetString(3), Prev: r.GetString(4), Hash: r.GetString(5),
                    Environment: r.NullableString(6), DeploymentId: r.NullableInt64(7), Version: r.GetInt16(8)),
                token, afterId, BatchSize), cancellationToken).ConfigureAwait(false);
            foreach (var row in batch)
            {
                checkedCount++;
                if (row.Prev != previous)
                    return new ChainVerification(checkedCount, row.Id, $"prev_hash {row.Prev} does not match the preceding event's hash {previous}");
                var expected = row.Version switch
                {
                    1 => EventChain.Hash(row.Prev, row.Payload, row.Type, row.At),
                    EventChain.CurrentVersion => EventChain.Hash(row.Prev, row.Payload, row.Type, row.At, row.Environment, row.DeploymentId),
                    _ => null,
                };
                if (expected != row.Hash)
                    return new ChainVerification(checkedCount, row.Id, expected is null
                        ? $"hash version {row.Version} is unknown to this Runway"
                        : "hash does not match the event's contents (time, type, environment, deployment id or payload changed)");
                previous = row.Hash;
                afterId = row.Id;
            }
            if (batch.Count < BatchSize) return new ChainVerification(checkedCount, null, null);
        }
    }

    private static LedgerEvent Map(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.Timestamp(1), r.GetString(2), r.NullableString(3), r.NullableInt64(4),
        JsonNode.Parse(r.GetString(5))!.AsObject(), r.GetString(6), r.GetString(7));
}
