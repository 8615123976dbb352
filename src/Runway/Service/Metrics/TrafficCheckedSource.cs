using System.Text.Json.Nodes;
using Runway.Canary;

namespace Runway.Service.Metrics;

/// <summary>
/// Never judge blind: wraps the canary's metric source and, at every look, compares what it counted since the bake's
/// first read with what the sender (load or router) counted over the same time. When the metrics see none or far
/// fewer of the requests, or none of the errors, it stops the bake with the series expected, what the source has,
/// and the fix — rather than let the analysis pass (or call it "too little traffic") on counts that miss the traffic.
/// </summary>
public sealed class TrafficCheckedSource(MetricSource metrics, Func<SentTraffic?> sent) : IMetricsSource
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (PoolCounters Counters, SentTraffic? Sent)> _starts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PoolCounters> _latest = new(StringComparer.Ordinal);
    private SentTraffic? _sentAtStart;

    /// <inheritdoc />
    public async Task<PoolCounters> ReadAsync(CanaryPool pool, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var counters = await metrics.Source.ReadAsync(pool, cancellationToken).ConfigureAwait(false);
        var problems = Compare(pool.Release, counters, sent());
        if (problems.Count > 0) await StopAsync(pool, problems, cancellationToken).ConfigureAwait(false);
        return counters;
    }

    private List<TrafficSeen> Compare(string release, PoolCounters counters, SentTraffic? now)
    {
        lock (_lock)
        {
            _sentAtStart ??= now;
            if (!_starts.TryGetValue(release, out var start))
            {
                _starts[release] = (counters, now);
                return [];
            }

            _latest[release] = counters.Since(start.Counters);
            if (now is null || _sentAtStart is null) return [];
            var checks = new List<TrafficSeen>();
            if (start.Sent is { } then && now.ByRelease.ContainsKey(release))
                checks.Add(new TrafficSeen(release, Delta(now.ByRelease, then.ByRelease, release), Delta(now.ErrorsByRelease, then.ErrorsByRelease, release),
                    _latest[release].Requests, _latest[release].Errors));
            if (_latest.Count == _starts.Count)
                checks.Add(new TrafficSeen(null, now.Answered - _sentAtStart.Answered, now.Errors - _sentAtStart.Errors,
                    _latest.Values.Sum(c => c.Requests), _latest.Values.Sum(c => c.Errors)));
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
}
