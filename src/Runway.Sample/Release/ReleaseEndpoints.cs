using Runway.Sample.Configuration;

namespace Runway.Sample.Release;

/// <summary>The release this process runs: <c>X-Release</c> on every response and <c>GET /version</c>.</summary>
internal static class ReleaseEndpoints
{
    public const string HeaderName = "X-Release";

    /// <summary>Adds <c>X-Release</c> when the response starts, so error and rejection responses carry it too.</summary>
    public static IApplicationBuilder UseReleaseHeader(this IApplicationBuilder app, SampleOptions options) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[HeaderName] = options.Release;
                return Task.CompletedTask;
            });
            return next(context);
        });

    public static void MapVersion(this IEndpointRouteBuilder endpoints, SampleOptions options) =>
        endpoints.MapGet("/version", () => Results.Ok(new { release = options.Release }));
}
