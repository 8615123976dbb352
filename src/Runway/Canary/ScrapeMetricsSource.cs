using System.Globalization;
using Polly;
using Polly.Timeout;

namespace Runway.Canary;

/// <summary>
/// Reads a pool's counters by scraping the metrics endpoint of every instance, keeping each instance's series apart
/// (deltas are taken per series) as well as their sums. Only the routes the <see cref="ScrapeMetricsOptions"/> watch
/// count. A failed scrape is retried a few times so that one dropped connection does not cost a look.
/// </summary>
public sealed class ScrapeMetricsSource : IMetricsSource
{
    private static readonly TimeSpan ScrapeTimeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http;
    private readonly ScrapeMetricsOptions _options;
    private readonly ResiliencePipeline _pipeline;

    /// <summary>Creates a source that scrapes with <paramref name="http"/> the series <paramref name="options"/> name (default: the sample's).</summary>
    public ScrapeMetricsSource(HttpClient http, TimeProvider time, ScrapeMetricsOptions? options = null)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        ArgumentNullException.ThrowIfNull(time);
        _options = options ?? new ScrapeMetricsOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(_options.Retries);
        _pipeline = BuildPipeline(time, _options.Retries);
    }

    /// <inheritdoc />
    public async Task<PoolCounters> ReadAsync(CanaryPool pool, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var scrapes = await Task.WhenAll(pool.Instances.Select(instance => ScrapeAsync(instance, cancellationToken)));
        var series = pool.Instances.Zip(scrapes, (instance, samples) => Series(instance.ToString(), samples)).SelectMany(s => s).ToList();
        return PoolCounters.Sum(series) with { Series = series };
    }

    // One instance's watched series, plus a zero-valued marker saying it was read: an instance that restarted and has
    // served nothing yet has no series, and its vanished series must still count as a restart.
    private IEnumerable<CounterSeries> Series(string instance, IEnumerable<PrometheusSample> samples)
    {
        yield return new CounterSeries(instance, "", SeriesKind.Requests, 0, 0);
        foreach (var sample in samples.Where(s => Watched(s) && !double.IsNaN(s.Value)))
        {
            if (sample.Name == _options.RequestsSeries)
            {
                var labels = Canonical(sample);
                yield return new CounterSeries(instance, labels, SeriesKind.Requests, 0, sample.Value);
                if (IsError(sample.Label(_options.StatusLabel))) yield return new CounterSeries(instance, labels, SeriesKind.Errors, 0, sample.Value);
            }
            else if (sample.Name == _options.DurationBucketSeries && TryBound(sample.Label("le"), out var bound))
            {
                yield return new CounterSeries(instance, Canonical(sample), SeriesKind.Bucket, bound, sample.Value);
            }
        }
    }

    private async Task<IReadOnlyList<PrometheusSample>> ScrapeAsync(Uri instance, CancellationToken cancellationToken)
    {
        var url = new Uri(instance, _options.MetricsPath);
        try
        {
            var text = await _pipeline.ExecuteAsync(async ct => await _http.GetStringAsync(url, ct), cancellationToken);
            return PrometheusTextParser.Parse(text);
        }
        catch (Exception error) when (error is HttpRequestException or FormatException or TimeoutRejectedException
                                      || (error is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new MetricsUnavailableException(
                $"Could not read metrics from {url}: {error.Message}. Check that the instance is running and serves Prometheus text on {_options.MetricsPath}.",
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
        _options.RoutePrefix is not { } prefix
        || (sample.Label(_options.RouteLabel) is { } route && route.StartsWith(prefix, StringComparison.Ordinal));

    private bool IsError(string? status) =>
        int.TryParse(status, NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) && code >= _options.ErrorStatusFrom;

    private static string Canonical(PrometheusSample sample) =>
        string.Join(',', sample.Labels.Where(l => l.Key != "le").OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));

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
