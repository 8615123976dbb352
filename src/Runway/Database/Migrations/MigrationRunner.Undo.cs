namespace Runway.Database.Migrations;

public sealed partial class MigrationRunner
{
    /// <summary>The scripts folder as this runner reads it, undo scripts included.</summary>
    public Task<MigrationScriptSet> ScriptsAsync(CancellationToken cancellationToken = default) =>
        MigrationScriptFolder.ReadAsync(_options.ScriptsDirectory, cancellationToken);

    /// <summary>
    /// Runs the undo scripts of <paramref name="undos"/> in the order given (newest migration first), each in its own
    /// transaction (unless marked <c>-- runway:no-transaction</c>) and recorded in the history, after which the version
    /// is pending again. The first failing undo stops the run; the result's Applied lists the undos that ran.
    /// </summary>
    public async Task<MigrationResult> UndoAsync(IReadOnlyList<MigrationRollbackStep> undos, CancellationToken cancellationToken = default)
    {
        var scripts = await ScriptsAsync(cancellationToken).ConfigureAwait(false);
        var missing = undos.Where(u => scripts.UndoScripts.All(s => s.FileName != u.Undo)).Select(u => $"Undo script {u.Undo} of {u.Script} is not in the scripts folder: restore the file.").ToList();
        if (missing.Count > 0) return Refused(missing);
        return await UnderLockAsync(async () =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await _history.EnsureCreatedAsync(connection, cancellationToken).ConfigureAwait(false);
            try
            {
                return await UndoScriptsAsync(new ScriptExecutor(connection, _options, _history, _time, _logger), scripts, undos, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await FlushStatisticsAsync(connection).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<MigrationResult> UndoScriptsAsync(ScriptExecutor executor, MigrationScriptSet scripts, IReadOnlyList<MigrationRollbackStep> undos,
        CancellationToken cancellationToken)
    {
        var done = new List<AppliedMigration>();
        foreach (var undo in undos)
        {
            var (row, failure) = await executor.RunAsync(scripts.UndoScripts.First(s => s.FileName == undo.Undo), cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                _logger.Error("Undo {Undo} of {Script} failed: {Failure}", undo.Undo, undo.Script, failure);
                return new MigrationResult(done, [], failure);
            }
            _logger.Information("Undid {Script} with {Undo} in {ElapsedMs} ms", undo.Script, undo.Undo, row!.ExecutionMs);
            done.Add(row);
        }
        return new MigrationResult(done, [], null);
    }
}
