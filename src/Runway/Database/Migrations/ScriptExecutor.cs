using System.Globalization;
using Npgsql;
using Polly;
using Polly.Retry;
using Serilog;

namespace Runway.Database.Migrations;

/// <summary>
/// Runs scripts with their timeouts and lock retries, and records them in the history, over one connection for the
/// whole run (as DbUp does): no pool round trip and session reset between scripts.
/// </summary>
internal sealed partial class ScriptExecutor
{
    private readonly NpgsqlConnection _connection;
    private readonly MigrationOptions _options;
    private readonly SchemaHistory _history;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _lockRetry;

    public ScriptExecutor(NpgsqlConnection connection, MigrationOptions options, SchemaHistory history, TimeProvider time, ILogger logger)
    {
        (_connection, _options, _history, _time, _logger) = (connection, options, history, time, logger);
        _lockRetry = LockRetryPipeline(options, time, logger);
    }

    /// <summary>Runs <paramref name="script"/>; returns its history row, or the failure (its changes rolled back).</summary>
    public async Task<(AppliedMigration? Applied, MigrationFailure? Failure)> RunAsync(MigrationScript script, CancellationToken cancellationToken)
    {
        var statements = SqlStatementSplitter.Split(script.Sql);
        var installedAt = _time.GetUtcNow();
        var started = _time.GetTimestamp();
        try
        {
            if (script.RunsWithoutTransaction)
                return (await RunWithoutTransactionAsync(script, statements, installedAt, started, cancellationToken).ConfigureAwait(false), null);
            var attempt = 0;
            var applied = await _lockRetry.ExecuteAsync(
                async ct => await RunInTransactionAsync(script, statements, attempt++, installedAt, started, ct).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
            return (applied, null);
        }
        catch (StatementFailedException ex)
        {
            if (!script.RunsWithoutTransaction) return (null, ScriptFailure.From(script, ex, _options));
            await RecordFailedAsync(script, installedAt, started).ConfigureAwait(false);
            var done = ex.Statement is null ? 0 : Math.Max(0, IndexOf(statements, ex.Statement));
            return (null, ScriptFailure.From(script, ex, _options) with { StatementsDone = done, StatementCount = statements.Count });
        }
        catch (NpgsqlException ex)
        {
            // Not a statement of the script: the connection, the timeouts or the commit failed.
            return (null, new MigrationFailure(script.FileName, ex.Message, null, (ex as PostgresException)?.SqlState));
        }
    }

    private static int IndexOf(IReadOnlyList<SqlStatement> statements, SqlStatement statement)
    {
        for (var i = 0; i < statements.Count; i++)
            if (statements[i] == statement) return i;
        return -1;
    }

    private AppliedMigration Row(MigrationScript script, DateTimeOffset installedAt, long started, bool success) => new(
        script.Version?.ToString(), script.Description, script.FileName, script.Checksum, _options.InstalledBy, installedAt,
        (long)_time.GetElapsedTime(started).TotalMilliseconds, success);

    /// <summary>
    /// A no-transaction script that failed part-way may have left changes behind, so the history says so
    /// (success = false); the next run tries it again, which is why such scripts should be idempotent.
    /// </summary>
    private async Task RecordFailedAsync(MigrationScript script, DateTimeOffset installedAt, long started)
    {
        try
        {
            await _history.InsertAsync(_connection, Row(script, installedAt, started, success: false), CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            _logger.Warning(ex, "Could not record the failure of {Script} in the schema history", script.FileName);
        }
    }

    private static ResiliencePipeline LockRetryPipeline(MigrationOptions options, TimeProvider time, ILogger logger)
    {
        if (options.LockAttempts < 2) return ResiliencePipeline.Empty;
        return new ResiliencePipelineBuilder { TimeProvider = time }.AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<StatementFailedException>(e => e.IsLockNotAvailable),
            MaxRetryAttempts = options.LockAttempts - 1,
            Delay = options.LockRetryDelay,
            BackoffType = DelayBackoffType.Constant,
            OnRetry = args =>
            {
                logger.Warning("Migration statement could not get a lock (attempt {Attempt} of {Attempts}); retrying with a longer lock_timeout",
                    args.AttemptNumber + 1, options.LockAttempts);
                return default;
            },
        }).Build();
    }

    /// <summary>The lock timeout of an attempt: doubled on each retry, so a briefly busy table gets a longer chance.</summary>
    private TimeSpan LockTimeout(int attempt) => _options.LockTimeout * Math.Pow(2, attempt);

    /// <summary>Sets lock_timeout and statement_timeout for the transaction (<paramref name="local"/>) or the session.</summary>
    private NpgsqlBatchCommand TimeoutsCommand(int attempt, bool local) =>
        new("SELECT set_config('lock_timeout', $1, $3), set_config('statement_timeout', $2, $3)")
        {
            Parameters =
            {
                new() { Value = Milliseconds(LockTimeout(attempt)) },
                new() { Value = Milliseconds(_options.StatementTimeout) },
                new() { Value = local },
            },
        };

    private static string Milliseconds(TimeSpan value) => ((long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
}
