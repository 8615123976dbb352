using System.Globalization;
using Polly;
using Polly.Timeout;

namespace Runway.Canary;

/// <summary>
/// Reads a pool's counters by scraping <c>/metrics</c> on every instance and summing them. Only series whose
/// <c>route</c> label starts with the route prefix count (default <c>/api</c>: health checks and scrapes would
/// otherwise dilute the error rate). A failed scrape is retried a few times so that one dropped connection does not
/// end a long bake.
/// </summary>
public sealed class ScrapeMetricsSource : IMetricsSource
{
    private static readonly TimeSpan ScrapeTimeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http;
    private readonly string _routePrefix;
    private readonly ResiliencePipeline _pipeline;

    /// <summary>
    /// Creates a source that scrapes with <paramref name="http"/>, counts routes starting with
    /// <paramref name="routePrefix"/>, and retries a failed scrape <paramref name="retries"/> times (backoff from 500 ms).
    /// </summary>
    public ScrapeMetricsSource(HttpClient http, TimeProvider time, string routePrefix = "/api", int retries = 2)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        ArgumentNullException.ThrowIfNull(time);
        _routePrefix = routePrefix ?? throw new ArgumentNullException(nameof(routePrefix));
        ArgumentOutOfRangeException.ThrowIfNegative(retries);
        _pipeline = BuildPipeline(time, retries);
    }

    /// <inheritdoc />
    public async Task<PoolCounters> ReadAsync(CanaryPool pool, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var scrapes = await Task.WhenAll(pool.Instances.Select(instance => ScrapeAsync(instance, cancellationToken)));
        return Sum(scrapes.SelectMany(samples => samples));
    }

    /// <summary>Sums the counters of parsed samples, keeping only the watched routes.</summary>
    internal PoolCounters Sum(IEnumerable<PrometheusSample> samples)
    {
        double requests = 0, errors = 0;
        var buckets = new SortedDictionary<double, double>();
        foreach (var sample in samples.Where(s => Watched(s) && !double.IsNaN(s.Value)))
        {
            if (sample.Name == MetricNames.Requests)
            {
                requests += sample.Value;
                errors += IsServerError(sample.Label("status")) ? sample.Value : 0;
            }
            else if (sample.Name == MetricNames.DurationBucket && TryBound(sample.Label("le"), out var bound))
            {
                buckets[bound] = buckets.GetValueOrDefault(bound) + sample.Value;
            }
        }

        return new PoolCounters(requests, errors, buckets.Select(b => new LatencyBucket(b.Key, b.Value)).ToList());
    }

    private async Task<IReadOnlyList<PrometheusSample>> ScrapeAsync(Uri instance, CancellationToken cancellationToken)
    {
        var url = new Uri(instance, "/metrics");
        try
        {
            var text = await _pipeline.ExecuteAsync(async ct => await _http.GetStringAsync(url, ct), cancellationToken);
            return PrometheusTextParser.Parse(text);
        }
        catch (Exception error) when (error is HttpRequestException or FormatException or TimeoutRejectedException
                                      || (error is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new MetricsUnavailableException(
                $"Could not read metrics from {url}: {error.Message}. Check that the instance is running and serves Prometheus text on /metrics.",
                error);
        }
    }

    private static ResiliencePipeline BuildPipeline(TimeProvider time, int retries)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (retries > 0)
        {
            builder.AddRetry(new()
            {
                ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<TimeoutRejectedException>(),
                MaxRetryAttempts = retries,
                Delay = TimeSpan.FromMilliseconds(500),
                BackoffType = DelayBackoffType.Exponential,
            });
        }

        return builder.AddTimeout(ScrapeTimeout).Build();
    }

    private bool Watched(PrometheusSample sample) =>
        sample.Label("route") is { } route && route.StartsWith(_routePrefix, StringComparison.Ordinal);

    private static bool IsServerError(string? status) =>
        int.TryParse(status, NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) && code >= 500;

    private static bool TryBound(string? le, out double bound)
    {
        if (le is "+Inf" or "Inf")
        {
            bound = double.PositiveInfinity;
            return true;
        }

        return double.TryParse(le, NumberStyles.Float, CultureInfo.InvariantCulture, out bound);
    }
}
