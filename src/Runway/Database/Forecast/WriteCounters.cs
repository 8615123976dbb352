using System.Globalization;
using System.Text.Json.Nodes;
using Npgsql;

namespace Runway.Database.Forecast;

/// <summary>Rows a table has had inserted, updated and deleted since the server's statistics began counting.</summary>
/// <param name="Inserted"><c>n_tup_ins</c>.</param>
/// <param name="Updated"><c>n_tup_upd</c>.</param>
/// <param name="Deleted"><c>n_tup_del</c>.</param>
public sealed record TableWrites(long Inserted, long Updated, long Deleted)
{
    /// <summary>Every row written, whatever the kind.</summary>
    public long Total => Inserted + Updated + Deleted;

    /// <summary>What was written between <paramref name="earlier"/> and this reading.</summary>
    public TableWrites Since(TableWrites earlier) => new(Inserted - earlier.Inserted, Updated - earlier.Updated, Deleted - earlier.Deleted);
}

/// <summary>
/// The write counters of every user table (from <c>pg_stat_user_tables</c>), the WAL position and when the
/// database's statistics were last reset, read at one moment: recorded with each backup, so that a later reading
/// says how many rows were written since it.
/// </summary>
/// <param name="Tables">Schema-qualified table name → its counters.</param>
/// <param name="WalLsn"><c>pg_current_wal_lsn()</c>: the whole server's WAL, so it moves for any database on it.</param>
/// <param name="StatsReset"><c>pg_stat_database.stats_reset</c> of the database; a change means the counters restarted.</param>
/// <param name="ReadAt">When the counters were read.</param>
public sealed record WriteCounters(IReadOnlyDictionary<string, TableWrites> Tables, string WalLsn, DateTimeOffset? StatsReset, DateTimeOffset ReadAt)
{
    /// <summary>
    /// Exact rows per table in the backup itself (counted in the dump's snapshot): what a restore drill must find.
    /// Null for counters read outside a backup, and for backups taken before Runway recorded them.
    /// </summary>
    public IReadOnlyDictionary<string, long>? Rows { get; init; }

    private const string TablesQuery = """
        SELECT format('%I.%I', schemaname, relname), n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables ORDER BY 1
        """;

    private const string ServerQuery = """
        SELECT pg_current_wal_lsn()::text, (SELECT stats_reset FROM pg_stat_database WHERE datname = current_database()), now()
        """;

    /// <summary>Reads the counters of the database of <paramref name="connectionString"/>.</summary>
    public static async Task<WriteCounters> ReadAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        // Unpooled: an idle pooled session would block the rename or drop of a restore that follows.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        var tables = new SortedDictionary<string, TableWrites>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(TablesQuery, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                tables[reader.GetString(0)] = new TableWrites(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        await using var server = new NpgsqlCommand(ServerQuery, connection);
        await using var row = await server.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await row.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new WriteCounters(tables, row.GetString(0), row.IsDBNull(1) ? null : row.GetFieldValue<DateTimeOffset>(1), row.GetFieldValue<DateTimeOffset>(2));
    }

    /// <summary>The counters as the ledger stores them.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["walLsn"] = WalLsn,
            ["statsReset"] = StatsReset?.ToString("O", CultureInfo.InvariantCulture),
            ["readAt"] = ReadAt.ToString("O", CultureInfo.InvariantCulture),
            ["tables"] = new JsonObject(Tables.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)new JsonArray(t.Value.Inserted, t.Value.Updated, t.Value.Deleted)))),
        };
        if (Rows is not null) json["rows"] = new JsonObject(Rows.Select(r => KeyValuePair.Create(r.Key, (JsonNode?)r.Value)));
        return json;
    }

    /// <summary>Reads back what <see cref="ToJson"/> wrote.</summary>
    public static WriteCounters FromJson(JsonObject json) => new(
        json["tables"]!.AsObject().ToDictionary(t => t.Key, t => new TableWrites(
            t.Value![0]!.GetValue<long>(), t.Value[1]!.GetValue<long>(), t.Value[2]!.GetValue<long>()), StringComparer.Ordinal),
        json["walLsn"]!.GetValue<string>(),
        json["statsReset"]?.GetValue<string>() is { } reset ? DateTimeOffset.Parse(reset, CultureInfo.InvariantCulture) : null,
        DateTimeOffset.Parse(json["readAt"]!.GetValue<string>(), CultureInfo.InvariantCulture))
    {
        Rows = (json["rows"] as JsonObject)?.ToDictionary(r => r.Key, r => r.Value!.GetValue<long>(), StringComparer.Ordinal),
    };
}
