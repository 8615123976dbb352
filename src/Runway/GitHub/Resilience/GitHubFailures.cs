using System.Globalization;
using System.Net;
using Octokit;
using Polly.Timeout;

namespace Runway.GitHub.Resilience;

/// <summary>Sorts GitHub failures into "try again" (and how long to wait) and "give up".</summary>
internal static class GitHubFailures
{
    /// <summary>The least wait for a rate limit that names no time (GitHub: "wait for at least one minute").</summary>
    public static readonly TimeSpan UnnamedRateLimitWait = TimeSpan.FromMinutes(1);

    /// <summary>Failures worth another attempt: rate limits, 5xx, timeouts and network errors.</summary>
    public static bool IsRetryable(Exception error, CancellationToken callerToken) =>
        IsRateLimit(error) || IsServerOrNetworkFailure(error, callerToken);

    /// <summary>Failures that say GitHub (or the way to it) is unwell; these count toward opening the circuit.</summary>
    public static bool IsServerOrNetworkFailure(Exception error, CancellationToken callerToken) => error switch
    {
        ApiException api => (int)api.StatusCode >= 500,
        HttpRequestException or TimeoutRejectedException => true,
        // Octokit surfaces its own request timeout as a cancellation nobody asked for.
        OperationCanceledException => !callerToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>
    /// A primary or secondary rate limit: any 429, and a 403 that says so (Octokit's rate-limit exceptions, a
    /// <c>retry-after</c>, <c>x-ratelimit-remaining: 0</c>, or a message about a rate limit).
    /// </summary>
    public static bool IsRateLimit(Exception error) => error switch
    {
        RateLimitExceededException or SecondaryRateLimitExceededException => true,
        ApiException { StatusCode: HttpStatusCode.TooManyRequests } => true,
        ApiException { StatusCode: HttpStatusCode.Forbidden } api => RetryAfter(api) is not null || RemainingIsZero(api)
            || api.Message.Contains("rate limit", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    /// <summary>The primary limit is spent (<c>x-ratelimit-remaining: 0</c>); any other rate limit is a secondary one.</summary>
    public static bool IsPrimaryRateLimit(ApiException api) => api is RateLimitExceededException || RemainingIsZero(api);

    /// <summary>
    /// The wait GitHub's documented rules ask for before retry <paramref name="attempt"/> (0 for the first retry):
    /// <c>retry-after</c> seconds when sent; else, when <c>x-ratelimit-remaining</c> is 0, until <c>x-ratelimit-reset</c>;
    /// else at least a minute, doubling with each further attempt. <c>null</c> when the error is no rate limit.
    /// </summary>
    public static TimeSpan? RateLimitWait(Exception error, TimeProvider time, int attempt = 0)
    {
        if (!IsRateLimit(error) || error is not ApiException api)
            return null;
        if (RetryAfter(api) is { } retryAfter)
            return retryAfter;
        if (RemainingIsZero(api) && Reset(api) is { } reset)
            return Max(reset - time.GetUtcNow(), TimeSpan.Zero);
        return UnnamedRateLimitWait * Math.Pow(2, Math.Clamp(attempt, 0, 10));
    }

    /// <summary>What GitHub named as the time to come back, for the failure message.</summary>
    public static string DescribeWait(Exception error, TimeProvider time) => error is ApiException api && RetryAfter(api) is { } retryAfter
        ? $"retry-after {retryAfter.TotalSeconds:0} s"
        : error is ApiException limited && RemainingIsZero(limited) && Reset(limited) is { } reset
            ? $"reset at {reset:u}, {Max(reset - time.GetUtcNow(), TimeSpan.Zero):hh\\:mm\\:ss} away"
            : "no time named (at least a minute)";

    private static string? Header(ApiException api, string name) =>
        api.HttpResponse?.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static TimeSpan? RetryAfter(ApiException api) =>
        int.TryParse(Header(api, "Retry-After"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : null;

    private static bool RemainingIsZero(ApiException api) => Header(api, "X-RateLimit-Remaining")?.Trim() == "0";

    private static DateTimeOffset? Reset(ApiException api) =>
        long.TryParse(Header(api, "X-RateLimit-Reset"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch)
            ? DateTimeOffset.FromUnixTimeSeconds(epoch)
            : null;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
