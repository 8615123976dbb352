using System.Text.Json;
using Runway.Router.Leases;
using Runway.Router.Routing;

namespace Runway.Router.Admin;

/// <summary>
/// The admin API: <c>GET /routes</c>, <c>PUT /routes</c>, <c>GET|PUT|DELETE /lease</c>, <c>GET /health</c>; every call
/// needs the bearer token. A stale fence is answered 409 and changes nothing.
/// </summary>
internal static class AdminEndpoints
{
    /// <summary>Answers 401 unless the request carries the admin token.</summary>
    public static IApplicationBuilder UseAdminToken(this IApplicationBuilder app, AdminToken token) =>
        app.Use(async (context, next) =>
        {
            if (token.Accepts(context.Request.Headers.Authorization))
            {
                await next(context);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await context.Response.WriteAsJsonAsync(new { error = "Missing or wrong admin token: send Authorization: Bearer <contents of the token file>." });
        });

    public static void MapAdmin(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", (LiveRoutes routes) => Results.Ok(new { status = "ok", generation = routes.Current.Generation }));
        endpoints.MapGet("/routes", (LiveRoutes routes) => Results.Ok(routes.Current));
        endpoints.MapPut("/routes", PutRoutes);
        endpoints.MapGet("/lease", (LeaseKeeper leases) => leases.Current is { } lease ? Results.Ok(lease) : Results.NoContent());
        endpoints.MapPut("/lease", PutLease);
        endpoints.MapDelete("/lease", (long fence, LeaseKeeper leases) =>
            leases.Release(fence) is { } stale ? Results.Conflict(new { error = stale }) : Results.NoContent());
    }

    private static async Task<IResult> PutLease(HttpRequest request, LeaseKeeper leases, Serilog.ILogger logger, CancellationToken cancellationToken)
    {
        LeaseRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<LeaseRequest>(cancellationToken);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return Results.BadRequest(new { error = $"The body is not a lease ({ex.Message}). Send {{\"fence\":7,\"stable\":\"1.0.0\",\"seconds\":60}}." });
        }

        var renewed = leases.Current?.Fence == body?.Fence;
        if (leases.Renew(body) is { } error)
        {
            logger.Warning("Refused lease: {Reason}", error);
            return error.StartsWith("Fence ", StringComparison.Ordinal) ? Results.Conflict(new { error }) : Results.BadRequest(new { error });
        }

        if (!renewed)
        {
            logger.Information("Lease taken by fence {Fence} for {Seconds} s: if it lapses, all traffic returns to {Stable}", body!.Fence, body.Seconds, body.Stable);
        }

        return Results.Ok(leases.Current);
    }

    private static async Task<IResult> PutRoutes(HttpRequest request, RouteSwitch routeSwitch, CancellationToken cancellationToken)
    {
        RouteTableRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<RouteTableRequest>(cancellationToken);
        }
        catch (JsonException ex)
        {
            return Results.BadRequest(new { error = $"The body is not a route table ({ex.Message}). Send {{\"pools\":[{{\"release\":\"1.0.0\",\"weight\":100,\"destinations\":[\"http://127.0.0.1:5101\"]}}]}}." });
        }
        catch (InvalidOperationException ex)
        {
            return Results.BadRequest(new { error = $"The body must be JSON with Content-Type application/json ({ex.Message})." });
        }

        var outcome = await routeSwitch.ApplyAsync(body, cancellationToken);
        if (outcome.Table is { } table)
        {
            return Results.Ok(new { generation = table.Generation, pools = table.Pools, drain = outcome.Drain });
        }

        return outcome switch
        {
            { StateFileFailed: true } => Results.Json(new { error = outcome.Error }, statusCode: StatusCodes.Status500InternalServerError),
            { StaleFence: true } => Results.Conflict(new { error = outcome.Error }),
            _ => Results.BadRequest(new { error = outcome.Error }),
        };
    }
}
