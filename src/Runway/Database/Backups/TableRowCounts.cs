using Npgsql;

namespace Runway.Database.Backups;

/// <summary>Exact row counts of every user table, to compare a restored database with its source.</summary>
public static class TableRowCounts
{
    // query_to_xml runs count(*) per table server-side, so table names never need to be spliced into SQL here.
    private const string Query = """
        SELECT format('%I.%I', n.nspname, c.relname),
               (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', n.nspname, c.relname), false, true, '')))[1]::text::bigint
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
        ORDER BY 1
        """;

    /// <summary>Schema-qualified table name → exact <c>count(*)</c>.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> CountAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        // Unpooled: an idle pooled session would keep the database busy and block the rename or drop that follows a count.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await CountAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Like <see cref="CountAsync(string, CancellationToken)"/> on an open connection, in its current transaction's snapshot.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> CountAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Query, connection) { CommandTimeout = 0 };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }

    /// <summary>One line per table whose count differs or that exists on one side only; empty when they agree.</summary>
    public static IReadOnlyList<string> Differences(IReadOnlyDictionary<string, long> expected, IReadOnlyDictionary<string, long> actual) =>
        [.. expected.Keys.Union(actual.Keys).Order(StringComparer.Ordinal)
            .Where(t => !expected.TryGetValue(t, out var e) || !actual.TryGetValue(t, out var a) || e != a)
            .Select(t => $"{t}: expected {Describe(expected, t)}, restored {Describe(actual, t)}")];

    private static string Describe(IReadOnlyDictionary<string, long> counts, string table) =>
        counts.TryGetValue(table, out var n) ? $"{n} rows" : "no table";
}
