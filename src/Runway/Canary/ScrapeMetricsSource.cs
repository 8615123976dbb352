using System.Globalization;

namespace Runway.Canary;

/// <summary>
/// Reads a pool's counters by scraping <c>/metrics</c> on every instance and summing them. Only series whose
/// <c>route</c> label starts with the route prefix count (default <c>/api</c>: health checks and scrapes would
/// otherwise dilute the error rate).
/// </summary>
public sealed class ScrapeMetricsSource : IMetricsSource
{
    private readonly HttpClient _http;
    private readonly string _routePrefix;

    /// <summary>Creates a source that scrapes with <paramref name="http"/> and counts routes starting with <paramref name="routePrefix"/>.</summary>
    public ScrapeMetricsSource(HttpClient http, string routePrefix = "/api")
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _routePrefix = routePrefix ?? throw new ArgumentNullException(nameof(routePrefix));
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
            var text = await _http.GetStringAsync(url, cancellationToken);
            return PrometheusTextParser.Parse(text);
        }
        catch (Exception error) when (error is HttpRequestException or FormatException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new MetricsUnavailableException(
                $"Could not read metrics from {url}: {error.Message}. Check that the instance is running and serves Prometheus text on /metrics.",
                error);
        }
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
