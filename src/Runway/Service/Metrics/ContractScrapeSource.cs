using System.Globalization;
using Polly;
using Polly.Timeout;
using Runway.Canary;

namespace Runway.Service.Metrics;

/// <summary>
/// Reads a pool's counters by scraping each instance's metrics endpoint with the series and labels the service
/// contract names (so a service's own metric names work), summing them. A failed scrape is retried twice.
/// </summary>
/// <remarks>
/// It stands in for the scrape source configured by <c>ScrapeMetricsOptions</c> until that is in place; the contract's
/// mapping to it is <see cref="MetricSources.Scrape"/>, one function.
/// </remarks>
public sealed class ContractScrapeSource : IMetricsSource
{
    private readonly HttpClient _http;
    private readonly MetricsContract _metrics;
    private readonly ResiliencePipeline _pipeline;

    /// <summary>Creates a source that scrapes with <paramref name="http"/> what <paramref name="metrics"/> declares.</summary>
    public ContractScrapeSource(HttpClient http, MetricsContract metrics, TimeProvider time)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        if (metrics.Requests.Scrape is null || metrics.Latency.Scrape is null)
            throw new ArgumentException("The service contract declares no scrape series (metrics.requests.scrape, metrics.latency.scrape); add them or choose --metrics-source prometheus.", nameof(metrics));
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new() { ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<TimeoutRejectedException>(), MaxRetryAttempts = 2, Delay = TimeSpan.FromMilliseconds(500) })
            .AddTimeout(TimeSpan.FromSeconds(10))
            .Build();
    }

    /// <inheritdoc />
    public async Task<PoolCounters> ReadAsync(CanaryPool pool, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var scrapes = await Task.WhenAll(pool.Instances.Select(instance => ScrapeAsync(instance, cancellationToken))).ConfigureAwait(false);
        return Sum(scrapes.SelectMany(samples => samples));
    }

    /// <summary>What the pool's first instance exposes: its series names, for a message when the counts are missing.</summary>
    public async Task<string> DescribeAsync(CanaryPool pool, CancellationToken cancellationToken)
    {
        if (pool.Instances.Count == 0) return "no instances";
        var samples = await ScrapeAsync(pool.Instances[0], cancellationToken).ConfigureAwait(false);
        var names = samples.Select(s => s.Name).Distinct().Order(StringComparer.Ordinal).Take(20).ToList();
        return names.Count == 0 ? $"{Url(pool.Instances[0])} serves no series" : $"{Url(pool.Instances[0])} serves {string.Join(", ", names)}";
    }

    /// <summary>Sums the counters of parsed samples, keeping only the contract's series and routes.</summary>
    internal PoolCounters Sum(IEnumerable<PrometheusSample> samples)
    {
        var requests = _metrics.Requests.Scrape!;
        var latency = _metrics.Latency.Scrape!;
        double total = 0, errors = 0;
        var buckets = new SortedDictionary<double, double>();
        foreach (var sample in samples.Where(s => !double.IsNaN(s.Value)))
        {
            if (sample.Name == requests.Series && Watched(sample, requests.RouteLabel, requests.RoutePrefix))
            {
                total += sample.Value;
                errors += _metrics.Requests.IsError(sample.Label(requests.StatusLabel)) ? sample.Value : 0;
            }
            else if (sample.Name == latency.Series && Watched(sample, latency.RouteLabel, latency.RoutePrefix) && LatencyBounds.TryParse(sample.Label("le"), out var bound))
            {
                buckets[bound] = buckets.GetValueOrDefault(bound) + sample.Value;
            }
        }

        return new PoolCounters(total, errors, buckets.Select(b => new LatencyBucket(b.Key, b.Value)).ToList());
    }

    private async Task<IReadOnlyList<PrometheusSample>> ScrapeAsync(Uri instance, CancellationToken cancellationToken)
    {
        var url = Url(instance);
        try
        {
            var text = await _pipeline.ExecuteAsync(async ct => await _http.GetStringAsync(url, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return PrometheusTextParser.Parse(text);
        }
        catch (Exception error) when (error is HttpRequestException or FormatException or TimeoutRejectedException
                                      || (error is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new MetricsUnavailableException(
                $"Could not read metrics from {url}: {error.Message}. Check that the instance runs and serves Prometheus text on {_metrics.ScrapePath} (metrics.scrapePath in the service contract).", error);
        }
    }

    private Uri Url(Uri instance) => new(instance, _metrics.ScrapePath);

    // A route filter applies only when the contract names a route label and a prefix; a series without the label is
    // then left out, because the contract asked for routes.
    private static bool Watched(PrometheusSample sample, string? routeLabel, string? prefix) =>
        routeLabel is null || prefix is null || (sample.Label(routeLabel) is { } route && route.StartsWith(prefix, StringComparison.Ordinal));
}

/// <summary>Histogram bucket bounds as Prometheus writes them (<c>le="0.25"</c>, <c>le="+Inf"</c>).</summary>
internal static class LatencyBounds
{
    public static bool TryParse(string? le, out double bound)
    {
        if (le is "+Inf" or "Inf")
        {
            bound = double.PositiveInfinity;
            return true;
        }

        return double.TryParse(le, NumberStyles.Float, CultureInfo.InvariantCulture, out bound);
    }
}
