using Npgsql;
using StatementType = Npgsql.StatementType;

namespace Runway.Database.Migrations;

internal sealed partial class ScriptExecutor
{
    /// <summary>
    /// Sends the timeouts, the script's statements and its history row as one batch (one round trip), then commits:
    /// the history row commits with the script, so a crash never leaves one without the other.
    /// </summary>
    private async Task<AppliedMigration> RunInTransactionAsync(
        MigrationScript script, IReadOnlyList<SqlStatement> statements, int attempt, DateTimeOffset installedAt, long started, CancellationToken cancellationToken)
    {
        var connection = _connection;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection, transaction) { Timeout = _options.CommandTimeoutSeconds };
        batch.BatchCommands.Add(TimeoutsCommand(attempt, local: true));
        foreach (var statement in statements) batch.BatchCommands.Add(new NpgsqlBatchCommand(statement.Sql));
        batch.BatchCommands.Add(_history.InsertCommand(Row(script, installedAt, started, success: true)));
        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw new StatementFailedException(FailedStatement(batch, statements), ex);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return Row(script, installedAt, started, success: true);
    }

    /// <summary>
    /// Npgsql sets a batch command's <see cref="NpgsqlBatchCommand.StatementType"/> when the server completes it, so the
    /// first one still Unknown is the one that failed. The first batch command sets the timeouts, hence the offset of one.
    /// </summary>
    private static SqlStatement? FailedStatement(NpgsqlBatch batch, IReadOnlyList<SqlStatement> statements)
    {
        for (var i = 1; i <= statements.Count; i++)
            if (batch.BatchCommands[i].StatementType == StatementType.Unknown) return statements[i - 1];
        return null;
    }

    private async Task<AppliedMigration> RunWithoutTransactionAsync(
        MigrationScript script, IReadOnlyList<SqlStatement> statements, DateTimeOffset installedAt, long started, CancellationToken cancellationToken)
    {
        _logger.Information("Running {Script} outside a transaction, {Count} statements one by one", script.FileName, statements.Count);
        var connection = _connection;
        foreach (var statement in statements)
        {
            var attempt = 0;
            await _lockRetry.ExecuteAsync(async ct =>
            {
                await using (var timeouts = new NpgsqlBatch(connection) { BatchCommands = { TimeoutsCommand(attempt++, local: false) } })
                    await timeouts.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                await ExecuteAsync(connection, statement, ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        var row = Row(script, installedAt, started, success: true);
        await _history.InsertAsync(connection, row, cancellationToken).ConfigureAwait(false);
        return row;
    }

    private async Task ExecuteAsync(NpgsqlConnection connection, SqlStatement statement, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(statement.Sql, connection) { CommandTimeout = _options.CommandTimeoutSeconds };
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw new StatementFailedException(statement, ex);
        }
    }
}
