using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Runway.Tests.Canary;

namespace Runway.Tests.Smoke;

/// <summary>How a stand-in sample behaves.</summary>
public sealed record StandInSampleOptions
{
    public const string SigningKey = "a-test-signing-key-of-at-least-32-bytes!";

    /// <summary>Releases answered in turn in X-Release, as a router splitting traffic would produce.</summary>
    public IReadOnlyList<string> Releases { get; init; } = ["1.1.0"];

    public int RateLimitPerSecond { get; init; } = 30;

    /// <summary>The first this many requests get 503, as a service still warming up.</summary>
    public int WarmUpFailures { get; init; }

    /// <summary>Delay added to every /api request.</summary>
    public int ExtraLatencyMs { get; init; }

    /// <summary>Leave sample_release_info out of /metrics.</summary>
    public bool WithoutReleaseInfo { get; init; }
}

/// <summary>
/// A real Kestrel server that answers as the sample's contract says: JWT (HS256, issuer and audience runway-sample)
/// on /api, rate limit per token subject, /health/ready, /version, /metrics, X-Release on every answer.
/// </summary>
public static class StandInSample
{
    public static Task<LoopbackServer> StartAsync(StandInSampleOptions? options = null)
    {
        options ??= new StandInSampleOptions();
        var metrics = new ContractMetrics(options.Releases[0]);
        long requests = 0, created = 0;
        return LoopbackServer.StartAsync(
            app =>
            {
                app.Use(async (context, next) =>
                {
                    var n = Interlocked.Increment(ref requests);
                    context.Response.Headers["X-Release"] = options.Releases[(int)((n - 1) % options.Releases.Count)];
                    if (n <= options.WarmUpFailures)
                    {
                        context.Response.StatusCode = 503;
                        return;
                    }

                    await next(context);
                });
                app.UseAuthentication();
                app.UseAuthorization();
                app.UseRateLimiter();
                app.MapGet("/health/ready", () => Results.Ok("ready"));
                app.MapGet("/version", () => Results.Json(new { release = options.Releases[0] }));
                app.MapGet("/metrics", () => Results.Text(
                    options.WithoutReleaseInfo ? metrics.Render().Replace("sample_release_info", "other_info", StringComparison.Ordinal) : metrics.Render()));
                app.MapGet("/api/orchestrations", async () =>
                {
                    await Delay(options);
                    return Results.Json(Array.Empty<object>());
                }).RequireAuthorization().RequireRateLimiting("per-client");
                app.MapPost("/api/orchestrations", async () =>
                {
                    await Delay(options);
                    var id = Interlocked.Increment(ref created);
                    return Results.Created($"/api/orchestrations/{id}", new { id });
                }).RequireAuthorization().RequireRateLimiting("per-client");
            },
            services => Configure(services, options));
    }

    private static Task Delay(StandInSampleOptions options) =>
        options.ExtraLatencyMs > 0 ? Task.Delay(options.ExtraLatencyMs) : Task.CompletedTask;

    private static void Configure(IServiceCollection services, StandInSampleOptions options)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = "runway-sample",
                ValidAudience = "runway-sample",
                IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(StandInSampleOptions.SigningKey)),
                ValidAlgorithms = ["HS256"],
                ClockSkew = TimeSpan.Zero,
            };
        });
        services.AddAuthorization();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = 429;
            limiter.AddPolicy("per-client", context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.FindFirst("sub")?.Value ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.RateLimitPerSecond, Window = TimeSpan.FromSeconds(1), QueueLimit = 0 }));
        });
    }
}
