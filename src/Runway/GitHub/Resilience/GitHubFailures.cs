using System.Globalization;
using System.Net;
using Octokit;
using Polly.Timeout;

namespace Runway.GitHub.Resilience;

/// <summary>Sorts GitHub failures into "try again" (and how long to wait) and "give up".</summary>
internal static class GitHubFailures
{
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

    /// <summary>Primary or secondary rate limit: GitHub says when to come back.</summary>
    public static bool IsRateLimit(Exception error) => error switch
    {
        RateLimitExceededException or SecondaryRateLimitExceededException => true,
        ApiException { StatusCode: HttpStatusCode.TooManyRequests } => true,
        ApiException { StatusCode: HttpStatusCode.Forbidden } api => RetryAfter(api) is not null,
        _ => false,
    };

    /// <summary>
    /// The wait GitHub asks for: <c>Retry-After</c> seconds when sent (secondary limits), else the primary
    /// limit's reset time minus now; <c>null</c> when the error is no rate limit. Never negative.
    /// </summary>
    public static TimeSpan? RateLimitWait(Exception error, TimeProvider time)
    {
        if (!IsRateLimit(error) || error is not ApiException api)
            return null;
        if (RetryAfter(api) is { } retryAfter)
            return retryAfter;
        if (api is RateLimitExceededException primary)
            return Max(primary.Reset - time.GetUtcNow(), TimeSpan.Zero);
        return null;
    }

    private static TimeSpan? RetryAfter(ApiException api)
    {
        var headers = api.HttpResponse?.Headers;
        if (headers is null)
            return null;
        var value = headers.FirstOrDefault(h => string.Equals(h.Key, "Retry-After", StringComparison.OrdinalIgnoreCase)).Value;
        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
