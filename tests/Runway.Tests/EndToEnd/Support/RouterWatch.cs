using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Runway.Tests.EndToEnd.Support;

/// <summary>
/// Reads an adopting repository's router table straight from its admin API (with the token Runway keeps in the
/// environment's state folder), so a test waits on the router's own state rather than guessing with sleeps.
/// </summary>
public sealed class RouterWatch(AdoptingRepository repository, string environment = "local")
{
    private string TokenFile => Path.Combine(repository.TemporaryDirectory, "environments", environment, "router.token");

    /// <summary>The router's weights now, e.g. <c>["1.0.0=100", "1.1.0=0"]</c> in table order.</summary>
    public async Task<string[]> WeightsAsync()
    {
        var table = await TableAsync();
        return [.. table["pools"]!.AsArray().Select(p => $"{p!["release"]}={p["weight"]}")];
    }

    /// <summary>The router's table now, as its admin API answers it (<c>{"generation":…,"pools":[…]}</c>).</summary>
    public async Task<JsonObject> TableAsync()
    {
        using var response = await SendAsync(HttpMethod.Get, null);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>Puts <paramref name="pools"/> on the router by hand, as someone working around Runway would.</summary>
    public async Task PutByHandAsync(JsonArray pools)
    {
        using var response = await SendAsync(HttpMethod.Put, new JsonObject { ["pools"] = pools });
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, JsonObject? body)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var request = new HttpRequestMessage(method, new Uri($"http://127.0.0.1:{repository.Ports.RouterAdmin}/routes"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", (await File.ReadAllTextAsync(TokenFile)).Trim());
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"The router answered {method} /routes with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    /// <summary>Waits until the router gives <paramref name="release"/> all traffic; returns how long that took.</summary>
    public async Task<TimeSpan> WaitForAllTrafficOnAsync(string release, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        string[] weights = [];
        while (clock.Elapsed < timeout)
        {
            weights = await WeightsAsync();
            if (weights.Contains($"{release}=100")) return clock.Elapsed;
            await Task.Delay(100);
        }
        throw new TimeoutException($"The router did not give {release} all traffic within {timeout}; it holds {string.Join(", ", weights)}.");
    }
}
