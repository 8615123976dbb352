using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;

namespace Runway.Ledger;

/// <summary>Positional-parameter commands (<c>$1</c>, <c>$2</c>, …) and typed reads: every value goes as a parameter.</summary>
internal static class Sql
{
    /// <summary>A command on <paramref name="connection"/>; it runs in the connection's open transaction, if any.</summary>
    public static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params object?[] values)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values) command.Parameters.Add(Parameter(value));
        return command;
    }

    /// <summary>Runs a statement and returns the affected row count.</summary>
    public static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object?[] values)
    {
        await using var command = Command(connection, sql, values);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a query and maps every row.</summary>
    public static async Task<IReadOnlyList<T>> QueryAsync<T>(
        NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken, params object?[] values)
    {
        await using var command = Command(connection, sql, values);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) rows.Add(map(reader));
        return rows;
    }

    /// <summary>Runs a query and maps the first row, or returns null when there is none.</summary>
    public static async Task<T?> QuerySingleAsync<T>(
        NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken, params object?[] values)
        where T : class =>
        (await QueryAsync(connection, sql, map, cancellationToken, values).ConfigureAwait(false)).FirstOrDefault();

    /// <summary>A nullable text column.</summary>
    public static string? NullableString(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>A timestamptz column as UTC.</summary>
    public static DateTimeOffset Timestamp(this NpgsqlDataReader reader, int ordinal) =>
        reader.GetFieldValue<DateTimeOffset>(ordinal);

    /// <summary>A nullable timestamptz column as UTC.</summary>
    public static DateTimeOffset? NullableTimestamp(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    /// <summary>A nullable bigint column.</summary>
    public static long? NullableInt64(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    /// <summary>A nullable jsonb column (selected as text) as an object.</summary>
    public static JsonObject? NullableJson(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : JsonNode.Parse(reader.GetString(ordinal))!.AsObject();

    /// <summary>An enum stored as its name.</summary>
    public static T Enum<T>(this NpgsqlDataReader reader, int ordinal) where T : struct, System.Enum =>
        System.Enum.Parse<T>(reader.GetString(ordinal));

    private static NpgsqlParameter Parameter(object? value) => value switch
    {
        null => new NpgsqlParameter { Value = DBNull.Value },
        JsonNode json => new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = json.ToJsonString() },
        System.Enum e => new NpgsqlParameter { Value = e.ToString() },
        _ => new NpgsqlParameter { Value = value },
    };
}
