using System.Text.Json.Nodes;
using Runway.Canary;

namespace Runway.Service.Metrics;

/// <summary>
/// Never judge blind: wraps the canary's metric source and, at every look, compares what it counted since the bake's
/// first read with what the sender (load or router) counted. When the metrics see none or far fewer of the requests,
/// or none of the errors, it stops the bake with the series expected, what the source has, and the fix — rather than
/// let the analysis pass (or call it "too little traffic") on counts that miss the traffic.
/// </summary>
/// <remarks>
/// The metrics are held to what was sent up to the look before, not up to now: a Prometheus server shows requests a
/// scrape interval late, and that lag (shorter than the analysis interval) must not read as blindness.
/// </remarks>
public sealed class TrafficCheckedSource(MetricSource metrics, Func<SentTraffic?> sent) : IMetricsSource
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Reads> _reads = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task<PoolCounters> ReadAsync(CanaryPool pool, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var now = sent();
        var counters = await metrics.Source.ReadAsync(pool, cancellationToken).ConfigureAwait(false);
        var problems = Compare(pool.Release, counters, now);
        if (problems.Count > 0) await StopAsync(pool, problems, cancellationToken).ConfigureAwait(false);
        return counters;
    }

    private List<TrafficSeen> Compare(string release, PoolCounters counters, SentTraffic? now)
    {
        lock (_lock)
        {
            if (!_reads.TryGetValue(release, out var reads))
            {
                _reads[release] = new Reads(counters, now, now, PoolCounters.Empty);
                return [];
            }

            _reads[release] = reads = reads with { Before = reads.Last, Last = now, Seen = Since(counters, reads.Start) };
            if (reads.StartSent is not { } start || reads.Before is not { } before) return [];
            var checks = new List<TrafficSeen>();
            if (before.ByRelease.ContainsKey(release))
                checks.Add(new TrafficSeen(release, Delta(before.ByRelease, start.ByRelease, release), Delta(before.ErrorsByRelease, start.ErrorsByRelease, release),
                    reads.Seen.Requests, reads.Seen.Errors));
            if (_reads.Values.All(r => r.Before is not null && r.StartSent is not null))
                checks.Add(new TrafficSeen(null,
                    _reads.Values.Min(r => r.Before!.Answered - r.StartSent!.Answered), _reads.Values.Min(r => r.Before!.Errors - r.StartSent!.Errors),
                    _reads.Values.Sum(r => r.Seen.Requests), _reads.Values.Sum(r => r.Seen.Errors)));
            return checks.Where(c => c.Problem() is not null).ToList();
        }
    }

    private async Task StopAsync(CanaryPool pool, List<TrafficSeen> problems, CancellationToken cancellationToken)
    {
        var has = await metrics.Describe(pool, cancellationToken).ConfigureAwait(false);
        var evidence = new JsonObject
        {
            ["metricsSource"] = metrics.Name,
            ["expected"] = metrics.Expected,
            ["sourceHas"] = has,
            ["traffic"] = new JsonArray(problems.Select(p => (JsonNode?)p.ToEvidence()).ToArray()),
            ["queries"] = metrics.Evidence(),
        };
        throw new MetricsBlindException(MetricsMessages.Blind(string.Join("; ", problems.Select(p => p.Problem())), metrics, has), evidence);
    }

    private static double Delta(IReadOnlyDictionary<string, double> now, IReadOnlyDictionary<string, double> then, string release) =>
        now.GetValueOrDefault(release) - then.GetValueOrDefault(release);

    /// <summary>One pool's reads: its counters and the sender's counts at the first read, the sender's counts at the last two reads, and what the metrics saw since the first.</summary>
    private sealed record Reads(PoolCounters Start, SentTraffic? StartSent, SentTraffic? Last, PoolCounters Seen)
    {
        public SentTraffic? Before { get; init; }
    }

    // What the pool counted since the start reading (a counter that went down counts from zero).
    private static PoolCounters Since(PoolCounters now, PoolCounters start)
    {
        var window = new CounterWindow();
        window.Add(start);
        window.Add(now);
        return window.Totals();
    }
}
