using Npgsql;
using Polly;
using Polly.Retry;
using Serilog;

namespace Runway.Database.Resilience;

/// <summary>
/// The retry pipeline every database call shares: exponential backoff with jitter, bounded attempts, and only
/// for transient connection failures. SQL errors (<see cref="PostgresException"/>) are never retried: running
/// the same statement again gives the same answer.
/// </summary>
public static class DatabaseRetry
{
    /// <summary>Builds the pipeline; <paramref name="endpoint"/> names the database in log lines (never a password).</summary>
    public static ResiliencePipeline Create(ILogger logger, DatabaseEndpoint endpoint, DatabaseRetryOptions? options = null, TimeProvider? timeProvider = null)
    {
        options ??= new DatabaseRetryOptions();
        return new ResiliencePipelineBuilder { TimeProvider = timeProvider ?? TimeProvider.System }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                OnRetry = args =>
                {
                    logger.Warning(args.Outcome.Exception, "Database {Endpoint} unreachable, retry {Attempt} in {Delay}",
                        endpoint.ToString(), args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>True for a transient connection failure worth retrying; false for SQL errors and everything else.</summary>
    public static bool IsTransient(Exception error) =>
        error is NpgsqlException { IsTransient: true } and not PostgresException;
}
