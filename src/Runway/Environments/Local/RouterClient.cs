using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Runway.Environments.Local;

/// <summary>A pool in the router's table.</summary>
public sealed record RoutePool(string Release, int Weight, IReadOnlyList<string> Destinations);

/// <summary>The router's table: a generation number and the pools.</summary>
public sealed record RouteTable(long Generation, IReadOnlyList<RoutePool> Pools);

/// <summary>Speaks to the local router's admin API (loopback only, bearer token from the token file).</summary>
public sealed class RouterClient(HttpClient http, int adminPort, string tokenFile)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

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
        request.Content = JsonContent.Create(new { pools }, options: Json);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when the router answers its health check.</summary>
    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{adminPort}/health"), cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private HttpRequestMessage Request(HttpMethod method) => new(method, new Uri($"http://127.0.0.1:{adminPort}/routes"))
    {
        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(tokenFile).Trim()) },
    };

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        throw new InvalidOperationException($"The router refused the change ({(int)response.StatusCode}): {body}");
    }
}
