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
        // One statement per command (not one batch): the failing statement is then known, and with it the line.
        foreach (var statement in statements)
            await ExecuteAsync(connection, transaction, statement, cancellationToken).ConfigureAwait(false);
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
                await ExecuteAsync(connection, null, statement, ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        var row = Row(script, installedAt, started, success: true);
        await _history.InsertAsync(connection, row, cancellationToken).ConfigureAwait(false);
        return row;
    }

    private async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, SqlStatement statement, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(statement.Sql, connection, transaction) { CommandTimeout = _options.CommandTimeoutSeconds };
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
