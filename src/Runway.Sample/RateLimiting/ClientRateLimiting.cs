using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Runway.Sample.RateLimiting;

/// <summary>
/// A fixed one-second window per client: the JWT <c>sub</c> claim when authenticated, the remote IP otherwise.
/// Rejections answer 429 with <c>Retry-After</c>.
/// </summary>
internal static class ClientRateLimiting
{
    public const string PolicyName = "per-client";

    public static IServiceCollection AddClientRateLimiting(this IServiceCollection services, int permitsPerSecond)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) => Reject(context);
            limiter.AddPolicy(PolicyName, http => RateLimitPartition.GetFixedWindowLimiter(
                ClientKey(http),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permitsPerSecond, Window = TimeSpan.FromSeconds(1), QueueLimit = 0 }));
        });
        return services;
    }

    private static string ClientKey(HttpContext http) =>
        http.User.FindFirst("sub")?.Value is { Length: > 0 } subject
            ? "sub:" + subject
            : "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    private static ValueTask Reject(OnRejectedContext context)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
        context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        return new ValueTask(context.HttpContext.Response.WriteAsync("Rate limit exceeded: retry after the Retry-After seconds.", context.HttpContext.RequestAborted));
    }
}
