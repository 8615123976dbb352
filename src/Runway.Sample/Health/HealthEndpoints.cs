namespace Runway.Sample.Health;

/// <summary>Maps <c>/health/live</c> (200 while the process runs) and <c>/health/ready</c> (503 while the database is unreachable).</summary>
internal static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health/live", () => Results.Ok(new { status = "live" }));
        endpoints.MapGet("/health/ready", async (DatabaseReadiness readiness, CancellationToken cancellationToken) =>
            await readiness.IsReadyAsync(cancellationToken)
                ? Results.Ok(new { status = "ready" })
                : Results.Json(new { status = "unready", reason = "database unreachable" }, statusCode: StatusCodes.Status503ServiceUnavailable));
    }
}
