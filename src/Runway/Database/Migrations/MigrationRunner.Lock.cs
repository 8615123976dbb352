using Npgsql;

namespace Runway.Database.Migrations;

public sealed partial class MigrationRunner
{
    /// <summary>
    /// Marks every versioned script up to <paramref name="version"/> as applied without running it, for a database
    /// that existed before Runway. Refused when the history already has rows.
    /// </summary>
    public async Task<MigrationResult> BaselineAsync(string version, CancellationToken cancellationToken = default)
    {
        var baseline = MigrationVersion.TryParse(version);
        if (baseline is null) return Refused([$"Baseline version '{version}' is not a version: use digits separated by '.' or '_', e.g. 3 or 2.1."]);
        var scripts = await MigrationScriptFolder.ReadAsync(_options.ScriptsDirectory, cancellationToken).ConfigureAwait(false);
        if (scripts.Problems.Count > 0) return Refused(scripts.Problems);
        return await UnderLockAsync(() => BaselineUnderLockAsync(scripts, baseline, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private async Task<MigrationResult> BaselineUnderLockAsync(MigrationScriptSet scripts, MigrationVersion baseline, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await _history.EnsureCreatedAsync(connection, cancellationToken).ConfigureAwait(false);
        if ((await _history.ReadAsync(connection, cancellationToken).ConfigureAwait(false)).Count > 0)
            return Refused([$"Baseline refused: the history table {_options.HistoryTable} already has rows, so this database is already managed by Runway."]);
        var rows = scripts.Scripts.Where(s => !s.IsRepeatable && s.Version!.CompareTo(baseline) <= 0)
            .Select(s => new AppliedMigration(s.Version!.ToString(), s.Description, s.FileName, s.Checksum, _options.InstalledBy, _time.GetUtcNow(), 0, true)).ToList();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var row in rows) await _history.InsertAsync(connection, row, cancellationToken, transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        _logger.Information("Baselined {Count} migration script(s) up to version {Version}", rows.Count, baseline);
        return new MigrationResult(rows, [], null);
    }

    private async Task<MigrationPlan> PlanAsync(MigrationScriptSet scripts, CancellationToken cancellationToken)
    {
        // Read under the lock: a runner that waited sees what the previous holder applied.
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await _history.EnsureCreatedAsync(connection, cancellationToken).ConfigureAwait(false);
        return MigrationPlanner.Plan(scripts, await _history.ReadAsync(connection, cancellationToken).ConfigureAwait(false));
    }

    private async Task<MigrationResult> UnderLockAsync(Func<Task<MigrationResult>> action, CancellationToken cancellationToken)
    {
        try
        {
            return await LockedAsync(action, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            return Refused([$"Migrations could not run because the database failed: {ex.Message}. Check that the server is up and the connection string is right, then run again."]);
        }
    }

    private async Task<MigrationResult> LockedAsync(Func<Task<MigrationResult>> action, CancellationToken cancellationToken)
    {
        var runnerLock = await RunnerLock.AcquireAsync(_dataSource, _options.HistoryTable, _options.RunnerLockWait, _time, cancellationToken).ConfigureAwait(false);
        if (runnerLock is null)
            return Refused([$"Another migration runner held the lock of {_options.HistoryTable} for more than {_options.RunnerLockWait}: wait for it to finish (see pg_stat_activity) and run again."]);
        await using (runnerLock.ConfigureAwait(false))
            return await action().ConfigureAwait(false);
    }
}
