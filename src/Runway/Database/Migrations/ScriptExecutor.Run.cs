using Npgsql;

namespace Runway.Database.Migrations;

internal sealed partial class ScriptExecutor
{
    private async Task<AppliedMigration> RunInTransactionAsync(
        MigrationScript script, IReadOnlyList<SqlStatement> statements, int attempt, DateTimeOffset installedAt, long started, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await SetTimeoutsAsync(connection, transaction, attempt, cancellationToken).ConfigureAwait(false);
        if (statements.Count > 0)
        {
            await using var batch = new NpgsqlBatch(connection, transaction) { Timeout = _options.CommandTimeoutSeconds };
            foreach (var statement in statements) batch.BatchCommands.Add(new NpgsqlBatchCommand(statement.Sql));
            try
            {
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (NpgsqlException ex)
            {
                var index = ex is PostgresException { BatchCommand: { } failed } ? batch.BatchCommands.IndexOf(failed) : -1;
                throw new StatementFailedException(index >= 0 ? statements[index] : null, ex);
            }
        }
        // The history row commits with the script, so a crash never leaves one without the other.
        var row = Row(script, installedAt, started, success: true);
        await _history.InsertAsync(connection, row, cancellationToken, transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return row;
    }

    private async Task<AppliedMigration> RunWithoutTransactionAsync(
        MigrationScript script, IReadOnlyList<SqlStatement> statements, DateTimeOffset installedAt, long started, CancellationToken cancellationToken)
    {
        _logger.Information("Running {Script} outside a transaction, {Count} statements one by one", script.FileName, statements.Count);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var statement in statements)
        {
            var attempt = 0;
            await _lockRetry.ExecuteAsync(async ct =>
            {
                await SetTimeoutsAsync(connection, null, attempt++, ct).ConfigureAwait(false);
                await using var command = new NpgsqlCommand(statement.Sql, connection) { CommandTimeout = _options.CommandTimeoutSeconds };
                try
                {
                    await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }
                catch (NpgsqlException ex)
                {
                    throw new StatementFailedException(statement, ex);
                }
            }, cancellationToken).ConfigureAwait(false);
        }
        var row = Row(script, installedAt, started, success: true);
        await _history.InsertAsync(connection, row, cancellationToken).ConfigureAwait(false);
        return row;
    }
}
