namespace Runway.Router.Tests.Support;

/// <summary>Route-table bodies for <c>PUT /routes</c>.</summary>
internal static class Tables
{
    public static object Of(params (Backend Backend, int Weight)[] pools) =>
        new { pools = pools.Select(p => new { release = p.Backend.Name, weight = p.Weight, destinations = new[] { p.Backend.Url } }).ToArray() };
}
