using Npgsql;

namespace Runway.Database.Migrations;

/// <summary>The history table in the application database: reads and writes its rows with parameterised SQL.</summary>
internal sealed class SchemaHistory(string table)
{
    private readonly string _quoted = SqlIdentifier.Quote(table);

    public async Task EnsureCreatedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            CREATE TABLE IF NOT EXISTS {_quoted} (
                installed_rank bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                version text NULL,
                description text NOT NULL,
                script text NOT NULL,
                checksum text NOT NULL,
                installed_by text NOT NULL,
                installed_at timestamptz NOT NULL,
                execution_ms bigint NOT NULL,
                success boolean NOT NULL)
            """, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>All rows in the order they were installed; empty when the table does not exist yet (nothing is created).</summary>
    public async Task<IReadOnlyList<AppliedMigration>> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(connection, cancellationToken).ConfigureAwait(false)) return [];
        await using var command = new NpgsqlCommand(
            $"SELECT version, description, script, checksum, installed_by, installed_at, execution_ms, success FROM {_quoted} ORDER BY installed_rank", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<AppliedMigration>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            rows.Add(new AppliedMigration(
                reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5), reader.GetInt64(6), reader.GetBoolean(7)));
        return rows;
    }

    public async Task InsertAsync(NpgsqlConnection connection, AppliedMigration row, CancellationToken cancellationToken, NpgsqlTransaction? transaction = null)
    {
        await using var command = new NpgsqlCommand(InsertSql("$8"), connection, transaction);
        command.Parameters.AddRange(Parameters(row));
        command.Parameters.Add(new NpgsqlParameter { Value = row.ExecutionMs });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An insert to run at the end of a script's transaction: the server measures the execution time since the transaction began.</summary>
    public NpgsqlBatchCommand InsertCommand(AppliedMigration row)
    {
        var command = new NpgsqlBatchCommand(InsertSql("(extract(epoch FROM clock_timestamp() - now()) * 1000)::bigint"));
        command.Parameters.AddRange(Parameters(row));
        return command;
    }

    private string InsertSql(string executionMs) =>
        $"INSERT INTO {_quoted} (version, description, script, checksum, installed_by, installed_at, success, execution_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, {executionMs})";

    private static NpgsqlParameter[] Parameters(AppliedMigration row) =>
    [
        new() { Value = (object?)row.Version ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
        new() { Value = row.Description }, new() { Value = row.Script }, new() { Value = row.Checksum },
        new() { Value = row.InstalledBy }, new() { Value = row.InstalledAt }, new() { Value = row.Success },
    ];

    private async Task<bool> ExistsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", connection) { Parameters = { new() { Value = _quoted } } };
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
