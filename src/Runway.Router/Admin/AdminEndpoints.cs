using System.Text.Json;
using Runway.Router.Routing;

namespace Runway.Router.Admin;

/// <summary>The admin API: <c>GET /routes</c>, <c>PUT /routes</c>, <c>GET /health</c>; every call needs the bearer token.</summary>
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

        return outcome.StateFileFailed
            ? Results.Json(new { error = outcome.Error }, statusCode: StatusCodes.Status500InternalServerError)
            : Results.BadRequest(new { error = outcome.Error });
    }
}
