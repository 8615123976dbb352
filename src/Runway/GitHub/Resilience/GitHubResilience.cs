using Octokit;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Serilog;

namespace Runway.GitHub.Resilience;

/// <summary>
/// Builds the Polly pipeline around every GitHub call: an overall time budget, bounded retries
/// (rate-limit waits as GitHub asks, otherwise exponential back-off with jitter), and a circuit breaker.
/// </summary>
public static class GitHubResilience
{
    /// <summary>Builds the pipeline. One pipeline per connection, so the circuit sees every call's failures.</summary>
    /// <param name="options">Retry counts, delays, budget and circuit settings.</param>
    /// <param name="time">Clock for rate-limit waits and for the pipeline's own delays and timeouts.</param>
    /// <param name="logger">Receives one warning per retry.</param>
    /// <param name="onRetry">Optional observer of each retry decision (tests assert the computed waits).</param>
    public static ResiliencePipeline Create(GitHubOptions options, TimeProvider time, ILogger logger, Action<GitHubRetry>? onRetry = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddTimeout(options.TimeBudget)
            .AddRetry(RetryOptions(options, time, logger, onRetry))
            .AddCircuitBreaker(CircuitOptions(options))
            .Build();
    }

    private static RetryStrategyOptions RetryOptions(GitHubOptions options, TimeProvider time, ILogger logger, Action<GitHubRetry>? onRetry) => new()
    {
        MaxRetryAttempts = Math.Max(options.MaxRetryAttempts, 1),
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = options.RetryBaseDelay,
        MaxDelay = options.TimeBudget,
        ShouldHandle = args => ValueTask.FromResult(
            options.MaxRetryAttempts > 0 && args.Outcome.Exception is { } e && GitHubFailures.IsRetryable(e, args.Context.CancellationToken)
            && !BeyondBudget(e, time, args.AttemptNumber, options.TimeBudget)),
        DelayGenerator = args => ValueTask.FromResult(RateLimitDelay(args.Outcome.Exception, time, args.AttemptNumber)),
        OnRetry = args =>
        {
            var retry = new GitHubRetry(args.Context.OperationKey ?? "GitHub call", args.AttemptNumber, args.RetryDelay, Describe(args.Outcome.Exception));
            logger.Warning("GitHub {Operation} failed ({Reason}); retry {Attempt} in {Delay}", retry.Operation, retry.Reason, retry.AttemptNumber + 1, retry.Delay);
            onRetry?.Invoke(retry);
            return ValueTask.CompletedTask;
        },
    };

    private static CircuitBreakerStrategyOptions CircuitOptions(GitHubOptions options) => new()
    {
        FailureRatio = 1.0,
        MinimumThroughput = options.CircuitFailureThreshold,
        SamplingDuration = options.CircuitSamplingDuration,
        BreakDuration = options.CircuitBreakDuration,
        ShouldHandle = args => ValueTask.FromResult(
            args.Outcome.Exception is { } e && GitHubFailures.IsServerOrNetworkFailure(e, args.Context.CancellationToken)),
    };

    // null lets Polly use its exponential back-off with jitter; a rate limit waits exactly as GitHub's rules ask.
    internal static TimeSpan? RateLimitDelay(Exception? error, TimeProvider time, int attempt) =>
        error is not null ? GitHubFailures.RateLimitWait(error, time, attempt) : null;

    // A rate limit that asks for a longer wait than the whole budget fails now, saying so, instead of waiting in vain.
    internal static bool BeyondBudget(Exception error, TimeProvider time, int attempt, TimeSpan budget) =>
        GitHubFailures.RateLimitWait(error, time, attempt) is { } wait && wait > budget;

    internal static string Describe(Exception? error) => error switch
    {
        ApiException api when GitHubFailures.IsRateLimit(api) =>
            $"{(GitHubFailures.IsPrimaryRateLimit(api) ? "primary" : "secondary")} rate limit ({(int)api.StatusCode})",
        ApiException api => $"{(int)api.StatusCode} {api.StatusCode}",
        null => "no error",
        _ => error.GetType().Name,
    };
}
