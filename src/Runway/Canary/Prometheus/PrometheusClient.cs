using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Polly;
using Polly.Timeout;

namespace Runway.Canary.Prometheus;

/// <summary>
/// Runs instant PromQL queries over Prometheus's HTTP API (<c>/api/v1/query</c>), retrying a failed or refused
/// request a few times, and keeps every query with its answer for the evidence.
/// </summary>
public sealed class PrometheusClient
{
    private readonly HttpClient _http;
    private readonly Uri _server;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _pipeline;
    private readonly Lock _lock = new();
    private readonly List<JsonObject> _log = [];

    /// <summary>Creates a client for the server at <paramref name="server"/>; <paramref name="retries"/> retries with backoff from 500 ms.</summary>
    public PrometheusClient(HttpClient http, Uri server, TimeProvider time, int retries = 3)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _server = server ?? throw new ArgumentNullException(nameof(server));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new()
            {
                ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<TimeoutRejectedException>(),
                MaxRetryAttempts = retries,
                Delay = TimeSpan.FromMilliseconds(500),
                BackoffType = DelayBackoffType.Exponential,
            })
            .AddTimeout(TimeSpan.FromSeconds(10))
            .Build();
    }

    /// <summary>The server queried.</summary>
    public Uri Server => _server;

    /// <summary>Runs <paramref name="query"/> now and returns the vector's samples as (labels, value).</summary>
    /// <exception cref="MetricsUnavailableException">Prometheus could not be reached, or refused the query; the message names both.</exception>
    public async Task<IReadOnlyList<PrometheusSample>> QueryAsync(string query, CancellationToken cancellationToken)
    {
        var url = new Uri(_server, $"api/v1/query?query={Uri.EscapeDataString(query)}&time={_time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0:0.###}");
        string body;
        try
        {
            body = await _pipeline.ExecuteAsync(async ct => await GetAsync(url, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is HttpRequestException or TimeoutRejectedException || (error is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new MetricsUnavailableException($"Prometheus at {_server} did not answer the query {query}: {error.Message}. Check --prometheus-url and that the server runs.", error);
        }

        var samples = Parse(body, query);
        Keep(query, samples);
        return samples;
    }

    /// <summary>Every query run so far with its answer, oldest first.</summary>
    public JsonArray Evidence()
    {
        lock (_lock) return new JsonArray(_log.Select(entry => (JsonNode?)entry.DeepClone()).ToArray());
    }

    // A 4xx other than 429 is a bad query: retrying cannot fix it, so it is not thrown as HttpRequestException.
    private async Task<string> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(url, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if ((int)response.StatusCode is >= 500 or 429) throw new HttpRequestException($"HTTP {(int)response.StatusCode}: {body}");
        return body;
    }

    private static List<PrometheusSample> Parse(string body, string query)
    {
        var answer = JsonNode.Parse(body);
        if (answer?["status"]?.GetValue<string>() != "success")
            throw new MetricsUnavailableException($"Prometheus refused the query {query}: {answer?["error"]?.GetValue<string>() ?? body}. Fix the query template in the service contract.");
        return (answer["data"]?["result"]?.AsArray() ?? []).Select(item => new PrometheusSample(
            "",
            item!["metric"]!.AsObject().ToDictionary(l => l.Key, l => l.Value!.GetValue<string>()),
            double.Parse(item["value"]![1]!.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture))).ToList();
    }

    private void Keep(string query, IReadOnlyList<PrometheusSample> samples)
    {
        var entry = new JsonObject
        {
            ["query"] = query,
            ["answer"] = new JsonArray(samples.Select(s => (JsonNode?)new JsonObject
            {
                ["labels"] = JsonSerializer.SerializeToNode(s.Labels),
                ["value"] = s.Value,
            }).ToArray()),
        };
        lock (_lock) _log.Add(entry);
    }
}
