using System.Globalization;
using Runway.Service;

namespace Runway.Canary.Prometheus;

/// <summary>
/// Reads a pool's window counts from the team's Prometheus with the contract's PromQL templates: requests grouped by
/// status (<c>increase</c>) and latency grouped by <c>le</c> (<c>sum by (le)</c>). The window starts at the first read
/// of each release (the bake's start), so the first read is zero and each later one is the increase since then —
/// the cumulative shape the canary analysis takes. The first read returns only once Prometheus has scraped the pool
/// after it: <c>increase</c> counts from the first sample in its range, so traffic sent between the start and that
/// sample would otherwise never be counted.
/// </summary>
public sealed class PrometheusMetricsSource : IMetricsSource
{
    private readonly PrometheusClient _client;
    private readonly MetricsContract _metrics;
    private readonly string _environment;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, DateTimeOffset> _starts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PoolCounters> _highest = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>How long the first read waits for a scrape after it (a few scrape intervals); then it goes on regardless.</summary>
    public TimeSpan FirstScrapeWait { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>Creates a source querying <paramref name="client"/> for <paramref name="environment"/>'s pools.</summary>
    public PrometheusMetricsSource(PrometheusClient client, MetricsContract metrics, string environment, TimeProvider time)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        if (metrics.Requests.Prometheus is null || metrics.Latency.Prometheus is null)
            throw new ArgumentException("The service contract declares no PromQL (metrics.requests.prometheus, metrics.latency.prometheus); add them or choose --metrics-source scrape.", nameof(metrics));
        _environment = environment;
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>The client, whose queries and answers are the evidence.</summary>
    public PrometheusClient Client => _client;

    /// <inheritdoc />
    public async Task<PoolCounters> ReadAsync(CanaryPool pool, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var now = _time.GetUtcNow();
        DateTimeOffset start;
        lock (_lock)
        {
            if (!_starts.TryGetValue(pool.Release, out start)) _starts[pool.Release] = start = now;
        }

        if (start != now) return NeverLower(pool.Release, await ReadWindowAsync(pool.Release, now - start, cancellationToken).ConfigureAwait(false));
        await WaitForScrapeAfterAsync(pool.Release, now, cancellationToken).ConfigureAwait(false);
        return PoolCounters.Empty;
    }

    // Each scrape stamps the target's up series; one stamped after the start means the window holds a sample before any traffic
    // sent now. A pool not yet discovered (file discovery refreshes every few seconds) has no up series: wait for it too.
    private async Task WaitForScrapeAfterAsync(string release, DateTimeOffset start, CancellationToken cancellationToken)
    {
        var query = $"max(timestamp(up{{release=\"{release}\",environment=\"{_environment}\"}}))";
        var waited = _time.GetTimestamp();
        while (_time.GetElapsedTime(waited) < FirstScrapeWait)
        {
            var stamps = await _client.QueryAsync(query, cancellationToken).ConfigureAwait(false);
            if (stamps.Any(s => s.Value >= start.ToUnixTimeMilliseconds() / 1000.0)) return;
            await Task.Delay(TimeSpan.FromMilliseconds(250), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The counts of <paramref name="release"/>'s pool over the last <paramref name="window"/>.</summary>
    public async Task<PoolCounters> ReadWindowAsync(string release, TimeSpan window, CancellationToken cancellationToken)
    {
        var requests = _metrics.Requests.Prometheus!;
        var latency = _metrics.Latency.Prometheus!;
        var byStatus = _client.QueryAsync(requests.For(release, _environment, window), cancellationToken);
        var byBound = _client.QueryAsync(latency.For(release, _environment, window), cancellationToken);
        double total = 0, errors = 0;
        foreach (var sample in await byStatus.ConfigureAwait(false))
        {
            total += sample.Value;
            errors += _metrics.Requests.IsError(sample.Label(requests.GroupLabel)) ? sample.Value : 0;
        }

        var buckets = (await byBound.ConfigureAwait(false))
            .Select(s => (Bound: Bound(s.Label(latency.GroupLabel)), s.Value))
            .Where(b => b.Bound is not null)
            .OrderBy(b => b.Bound)
            .Select(b => new LatencyBucket(b.Bound!.Value, b.Value))
            .ToList();
        return new PoolCounters(total, errors, buckets);
    }

    // increase() extrapolates to its range's edges, so as the window grows between two scrapes its value climbs, then
    // falls back when the next scrape lands (148, 156, then 135 under steady traffic). The bake reads a fall as a counter
    // reset (an instance restarted) and would fail a healthy canary: a window's count is kept at its highest so far.
    // Prometheus's increase() has already handled the real resets.
    private PoolCounters NeverLower(string release, PoolCounters reading)
    {
        lock (_lock)
        {
            if (_highest.TryGetValue(release, out var highest))
            {
                // Every bound seen so far stays (one missing from a reading would read as a vanished series, a restart too).
                var bounds = highest.Latency.ToDictionary(b => b.UpperBound, b => b.CumulativeCount);
                foreach (var bucket in reading.Latency) bounds[bucket.UpperBound] = Math.Max(bucket.CumulativeCount, bounds.GetValueOrDefault(bucket.UpperBound));
                reading = new PoolCounters(Math.Max(reading.Requests, highest.Requests), Math.Max(reading.Errors, highest.Errors),
                    [.. bounds.OrderBy(b => b.Key).Select(b => new LatencyBucket(b.Key, b.Value))]);
            }

            _highest[release] = reading;
            return reading;
        }
    }

    /// <summary>What Prometheus has for the pool's release: the series carrying its label, for a message when counts are missing.</summary>
    public async Task<string> DescribeAsync(CanaryPool pool, CancellationToken cancellationToken)
    {
        var series = await _client.QueryAsync($"count by (__name__) ({{release=\"{pool.Release}\"}})", cancellationToken).ConfigureAwait(false);
        var names = series.Select(s => s.Label("__name__")).OfType<string>().Order(StringComparer.Ordinal).Take(20).ToList();
        return names.Count == 0
            ? $"Prometheus at {_client.Server} has no series labelled release=\"{pool.Release}\" (are the pool's instances scrape targets with release and environment labels?)"
            : $"Prometheus at {_client.Server} has {string.Join(", ", names)} for release=\"{pool.Release}\"";
    }

    private static double? Bound(string? le) =>
        le is "+Inf" or "Inf" ? double.PositiveInfinity
        : double.TryParse(le, NumberStyles.Float, CultureInfo.InvariantCulture, out var bound) ? bound : null;
}
