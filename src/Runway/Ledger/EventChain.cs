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
            INSERT INTO runway.events (at, type, environment, deployment_id, payload, prev_hash, hash, hash_version)
            VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8) RETURNING id
            """, at, type, environment, deploymentId, canonical, previous, Hash(previous, canonical, type, at, environment, deploymentId), CurrentVersion);
        return (long)(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>The hash formula new events are written with (<c>runway.events.hash_version</c>).</summary>
    public const short CurrentVersion = 2;

    /// <summary>
    /// Version 1 (events written before ledger script V002): SHA-256 hex of previous hash + canonical payload text +
    /// type + time (UTC, microseconds). It left the environment and the deployment id out, so they could be changed
    /// unnoticed; such events still verify with it.
    /// </summary>
    public static string Hash(string previousHash, string canonicalPayload, string type, DateTimeOffset at) =>
        Sha256(previousHash + canonicalPayload + type + FormatTime(at));

    /// <summary>
    /// Version 2: every column of the event — version, previous hash, time, type, environment, deployment id and
    /// payload — each written with its length first, so that no two different events give the same text.
    /// </summary>
    public static string Hash(string previousHash, string canonicalPayload, string type, DateTimeOffset at, string? environment, long? deploymentId)
    {
        var fields = new[]
        {
            CurrentVersion.ToString(CultureInfo.InvariantCulture), previousHash, FormatTime(at), type, environment ?? "\0",
            deploymentId?.ToString(CultureInfo.InvariantCulture) ?? "\0", canonicalPayload,
        };
        return Sha256(string.Concat(fields.Select(f => f.Length.ToString(CultureInfo.InvariantCulture) + ":" + f + ";")));
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string FormatTime(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
