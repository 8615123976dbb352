using Npgsql;
using Serilog;

namespace Runway.Database.Migrations;

/// <summary>
/// Applies the scripts of a folder to an application database, once each, in version order, and records them in a
/// history table. Problems and failures come back in the <see cref="MigrationResult"/> rather than as exceptions.
/// </summary>
public sealed partial class MigrationRunner
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly MigrationOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SchemaHistory _history;

    /// <summary>Creates a runner for the database of <paramref name="dataSource"/>; the options are validated here.</summary>
    public MigrationRunner(NpgsqlDataSource dataSource, MigrationOptions options, ILogger logger, TimeProvider timeProvider)
    {
        options.Validate();
        (_dataSource, _options, _logger, _time) = (dataSource, options, logger.ForContext<MigrationRunner>(), timeProvider);
        _history = new SchemaHistory(options.HistoryTable);
    }

    /// <summary>What an upgrade would run now, and why; reads only (the history table is not even created).</summary>
    public async Task<MigrationPlan> DryRunAsync(CancellationToken cancellationToken = default)
    {
        var scripts = await MigrationScriptFolder.ReadAsync(_options.ScriptsDirectory, cancellationToken).ConfigureAwait(false);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var history = await _history.ReadAsync(connection, cancellationToken).ConfigureAwait(false);
        return MigrationPlanner.Plan(scripts, history);
    }

    /// <summary>The history rows, oldest first; empty when no run has created the table yet.</summary>
    public async Task<IReadOnlyList<AppliedMigration>> HistoryAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await _history.ReadAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies every due script, each in its own transaction unless marked <c>-- runway:no-transaction</c>. Nothing
    /// runs while the folder or the history has problems; the first failing script stops the run.
    /// </summary>
    public async Task<MigrationResult> UpgradeAsync(CancellationToken cancellationToken = default)
    {
        var scripts = await MigrationScriptFolder.ReadAsync(_options.ScriptsDirectory, cancellationToken).ConfigureAwait(false);
        if (scripts.Problems.Count > 0) return Refused(scripts.Problems);
        return await UnderLockAsync(async () =>
        {
            var plan = await PlanAsync(scripts, cancellationToken).ConfigureAwait(false);
            return plan.IsValid ? await ApplyAsync(plan, cancellationToken).ConfigureAwait(false) : Refused(plan.Problems);
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<MigrationResult> ApplyAsync(MigrationPlan plan, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ApplyScriptsAsync(new ScriptExecutor(connection, _options, _history, _time, _logger), plan, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await FlushStatisticsAsync(connection).ConfigureAwait(false);
        }
    }

    private async Task<MigrationResult> ApplyScriptsAsync(ScriptExecutor executor, MigrationPlan plan, CancellationToken cancellationToken)
    {
        var applied = new List<AppliedMigration>();
        _logger.Information("{Count} migration script(s) due", plan.Scripts.Count);
        foreach (var planned in plan.Scripts)
        {
            var (row, failure) = await executor.RunAsync(planned.Script, cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                _logger.Error("Migration {Script} failed at line {Line}: {Message}", failure.Script, failure.Line, failure.Message);
                return new MigrationResult(applied, [], failure);
            }
            _logger.Information("Applied {Script} ({Reason}) in {ElapsedMs} ms", row!.Script, planned.Reason, row.ExecutionMs);
            applied.Add(row);
        }
        return new MigrationResult(applied, [], null);
    }

    // A forecast of lost writes leaves out the migration's own writes, read from the counters as soon as the run ends:
    // they must be there then, though this session may stay open in the pool.
    private async Task FlushStatisticsAsync(NpgsqlConnection connection)
    {
        try
        {
            await Forecast.StatisticsFlush.FlushAsync(connection, CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            // A broken session flushed its counters when it ended.
            _logger.Debug(ex, "Could not flush the migration session's statistics");
        }
    }

    private MigrationResult Refused(IReadOnlyList<string> problems)
    {
        foreach (var problem in problems) _logger.Error("Migration refused: {Problem}", problem);
        return MigrationResult.Refused(problems);
    }
}
