using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;

namespace Runway.Ledger;

/// <summary>
/// Appends to <c>runway.events</c> inside the caller's transaction and computes the hash chain. The canonical
/// payload text is PostgreSQL's own <c>jsonb</c> output (keys sorted, numbers normalised), so the hash written
/// and the hash recomputed from the stored row always see the same text.
/// </summary>
internal static class EventChain
{
    /// <summary>The previous hash of the first event.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Appends one event; the transaction-scoped lock makes concurrent appends take turns.</summary>
    public static async Task<long> AppendAsync(
        NpgsqlConnection connection, DateTimeOffset at, string type, string? environment, long? deploymentId, JsonObject payload,
        CancellationToken cancellationToken)
    {
        await Sql.ExecuteAsync(connection, "SELECT pg_advisory_xact_lock($1, $2)", cancellationToken, LockKeys.Class, LockKeys.Events)
            .ConfigureAwait(false);
        var (previous, canonical) = (await Sql.QueryAsync(connection,
            "SELECT (SELECT hash FROM runway.events ORDER BY id DESC LIMIT 1), $1::jsonb::text",
            r => (r.NullableString(0) ?? Genesis, r.GetString(1)), cancellationToken, payload).ConfigureAwait(false))[0];
        await using var insert = Sql.Command(connection, """
            INSERT INTO runway.events (at, type, environment, deployment_id, payload, prev_hash, hash)
            VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7) RETURNING id
            """, at, type, environment, deploymentId, canonical, previous, Hash(previous, canonical, type, at));
        return (long)(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>SHA-256 hex of previous hash + canonical payload text + type + time (UTC, microseconds).</summary>
    public static string Hash(string previousHash, string canonicalPayload, string type, DateTimeOffset at)
    {
        var text = previousHash + canonicalPayload + type + FormatTime(at);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static string FormatTime(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
