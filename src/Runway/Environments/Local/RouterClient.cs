using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Runway.Environments.Local;

/// <summary>A pool in the router's table.</summary>
public sealed record RoutePool(string Release, int Weight, IReadOnlyList<string> Destinations);

/// <summary>The router's table: a generation number and the pools.</summary>
public sealed record RouteTable(long Generation, IReadOnlyList<RoutePool> Pools);

/// <summary>What answers on a router's admin port.</summary>
public enum RouterHealth
{
    /// <summary>Nothing listens.</summary>
    Unreachable,

    /// <summary>Our router, healthy.</summary>
    Healthy,

    /// <summary>Something that refuses our token: not a router this environment started.</summary>
    Foreign,
}

/// <summary>The router's lease on traffic: who holds it (fence), where traffic returns when it lapses, and when.</summary>
public sealed record RouteLease(long Fence, string Stable, DateTimeOffset ExpiresAt);

/// <summary>
/// Speaks to the local router's admin API (loopback only, bearer token from the token file). While a run holds the
/// environment, every route change presents the run's <see cref="Fence"/>; the router refuses a fence older than one
/// it has seen, so a run that lost its lock cannot move traffic.
/// </summary>
public sealed class RouterClient(HttpClient http, int adminPort, string tokenFile)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The fence of the run holding the environment, presented with every route change (null: none, an operator's change).</summary>
    public long? Fence { get; set; }

    /// <summary>The current table.</summary>
    public async Task<RouteTable> GetAsync(CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return (await response.Content.ReadFromJsonAsync<RouteTable>(Json, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Replaces the table; returns once requests to removed destinations have drained.</summary>
    public async Task PutAsync(IReadOnlyList<RoutePool> pools, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Put);
        request.Content = JsonContent.Create(new { pools, fence = Fence }, options: Json);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes or renews the lease for <paramref name="duration"/>: if it is not renewed in time, the router gives all
    /// traffic to <paramref name="stable"/>. Refused when a newer fence holds the router.
    /// </summary>
    public async Task RenewLeaseAsync(long fence, string stable, TimeSpan duration, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Put, "lease");
        request.Content = JsonContent.Create(new { fence, stable, seconds = duration.TotalSeconds }, options: Json);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends the lease of <paramref name="fence"/>: the table stays as it is.</summary>
    public async Task ReleaseLeaseAsync(long fence, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Delete, $"lease?fence={fence.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The lease in force, or null.</summary>
    public async Task<RouteLease?> GetLeaseAsync(CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, "lease");
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == System.Net.HttpStatusCode.NoContent) return null;
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<RouteLease>(Json, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether a router answers on the admin port, and whether it accepts our token.</summary>
    public async Task<RouterHealth> CheckHealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var request = Request(HttpMethod.Get, "health");
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? RouterHealth.Healthy : RouterHealth.Foreign;
        }
        catch (HttpRequestException)
        {
            return RouterHealth.Unreachable;
        }
    }

    private HttpRequestMessage Request(HttpMethod method, string path = "routes")
    {
        var request = new HttpRequestMessage(method, new Uri($"http://127.0.0.1:{adminPort}/{path}"));
        // A router we did not start has no token file of ours: it then answers 401, which tells it apart.
        if (File.Exists(tokenFile))
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(tokenFile).Trim());
        return request;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        throw new InvalidOperationException($"The router refused the change ({(int)response.StatusCode}): {body}");
    }
}
