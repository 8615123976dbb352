namespace Runway.Canary;

/// <summary>
/// What a pool counted since the bake started, accumulated reading by reading per instance and per series with
/// Prometheus's <c>increase</c> rule: a counter that went down was reset (its instance restarted) and counts from
/// zero. An instance restarted when any of its series went down or vanished. An unreadable instance keeps its last
/// values; its counts arrive with its next reading.
/// </summary>
public sealed class CounterWindow
{
    private readonly Dictionary<(string, string, SeriesKind, double), CounterSeries> _last = [];
    private readonly Dictionary<(string, string, SeriesKind, double), double> _increase = [];
    private readonly Dictionary<string, int> _restarts = new(StringComparer.Ordinal);
    private bool _started;

    /// <summary>Restarts seen per instance since the window started.</summary>
    public IReadOnlyDictionary<string, int> Restarts => _restarts;

    /// <summary>The total restarts of the pool's instances.</summary>
    public int RestartCount => _restarts.Values.Sum();

    /// <summary>Takes a reading: the first one starts the window; each later one adds what changed since the previous.</summary>
    public void Add(PoolCounters reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var series = reading.SeriesOrTotals();
        if (_started) Accumulate(series);
        Remember(series);
        _started = true;
    }

    /// <summary>The counts since the window started.</summary>
    public PoolCounters Totals() =>
        PoolCounters.Sum(_increase.Select(pair => new CounterSeries(pair.Key.Item1, pair.Key.Item2, pair.Key.Item3, pair.Key.Item4, pair.Value)));

    private void Accumulate(IReadOnlyList<CounterSeries> series)
    {
        var reset = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<(string, string, SeriesKind, double)>();
        foreach (var now in series)
        {
            seen.Add(now.Key);
            var then = _last.TryGetValue(now.Key, out var last) ? last.Value : 0;
            if (now.Value < then) reset.Add(now.Instance);
            _increase[now.Key] = _increase.GetValueOrDefault(now.Key) + (now.Value >= then ? now.Value - then : now.Value);
        }

        var readInstances = series.Select(s => s.Instance).ToHashSet(StringComparer.Ordinal);
        foreach (var vanished in _last.Keys.Where(key => !seen.Contains(key) && readInstances.Contains(key.Item1)).ToList())
        {
            reset.Add(vanished.Item1);
            _last.Remove(vanished);
        }

        foreach (var instance in reset) _restarts[instance] = _restarts.GetValueOrDefault(instance) + 1;
    }

    private void Remember(IReadOnlyList<CounterSeries> series)
    {
        foreach (var now in series) _last[now.Key] = now;
    }
}
