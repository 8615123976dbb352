using System.Globalization;
using Runway.Sample.Faults;
using Runway.Sample.RateLimiting;

namespace Runway.Sample.Orchestrations;

/// <summary>Maps <c>/api/orchestrations</c>: list, create and get by id; JWT required, rate limited per client.</summary>
internal static class OrchestrationEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static void MapOrchestrations(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/orchestrations")
            .RequireAuthorization()
            .RequireRateLimiting(ClientRateLimiting.PolicyName)
            .AddEndpointFilter<FaultInjectionFilter>();
        group.MapGet("/", List);
        group.MapPost("/", Create);
        group.MapGet("/{id}", Get);
    }

    private static async Task<IResult> List(string? limit, OrchestrationStore store, CancellationToken cancellationToken)
    {
        var count = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.Integer, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxLimit))
        {
            return Results.BadRequest(new { error = $"limit is '{limit}'; it must be a whole number from 1 to {MaxLimit}." });
        }

        return Results.Ok(await store.ListAsync(count, cancellationToken));
    }

    private static async Task<IResult> Create(HttpRequest request, OrchestrationStore store, CancellationToken cancellationToken)
    {
        var (orchestration, error) = await NewOrchestration.ReadAsync(request, cancellationToken);
        if (orchestration is null)
        {
            return Results.BadRequest(new { error });
        }

        var created = await store.CreateAsync(orchestration, cancellationToken);
        return Results.Created($"/api/orchestrations/{created.Id}", created);
    }

    private static async Task<IResult> Get(string id, OrchestrationStore store, CancellationToken cancellationToken)
    {
        if (!long.TryParse(id, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            return Results.BadRequest(new { error = $"id is '{id}'; it must be a positive whole number." });
        }

        return await store.FindAsync(number, cancellationToken) is { } found
            ? Results.Ok(found)
            : Results.NotFound(new { error = $"No orchestration with id {number}." });
    }
}
