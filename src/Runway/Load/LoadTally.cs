namespace Runway.Load;

/// <summary>Thread-safe counts of a load run, readable as a <see cref="LoadSnapshot"/> at any moment.</summary>
internal sealed class LoadTally
{
    /// <summary>The release counted when an answer names no release (no release header in the contract, or none in the answer).</summary>
    public const string NoRelease = "(none)";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _byRelease = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _failuresByRelease = new(StringComparer.Ordinal);
    private readonly Dictionary<int, long> _byStatus = [];
    private readonly List<double> _latenciesMs = [];
    private long _requests, _failures, _noAnswer, _notConnected;

    public void Answered(string? release, int status, double latencyMs)
    {
        release ??= NoRelease;
        lock (_lock)
        {
            _requests++;
            _byRelease[release] = _byRelease.GetValueOrDefault(release) + 1;
            _byStatus[status] = _byStatus.GetValueOrDefault(status) + 1;
            _latenciesMs.Add(latencyMs);
            if (status >= 500)
            {
                _failures++;
                _failuresByRelease[release] = _failuresByRelease.GetValueOrDefault(release) + 1;
            }
        }
    }

    /// <param name="notConnected">True when no connection could be made at all (refused, unreachable).</param>
    public void Unanswered(bool notConnected)
    {
        lock (_lock)
        {
            _requests++;
            _failures++;
            _noAnswer++;
            if (notConnected) _notConnected++;
        }
    }

    public LoadSnapshot Snapshot(TimeSpan elapsed)
    {
        lock (_lock)
        {
            var sorted = _latenciesMs.Order().ToList();
            return new LoadSnapshot(
                elapsed, _requests, _failures, _noAnswer, new Dictionary<string, long>(_byRelease), new Dictionary<string, long>(_failuresByRelease),
                new Dictionary<int, long>(_byStatus), Percentile(sorted, 0.5), Percentile(sorted, 0.95), sorted.Count > 0 ? sorted[^1] : 0)
            {
                NotConnected = _notConnected,
            };
        }
    }

    private static double Percentile(List<double> sorted, double fraction) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(fraction * sorted.Count) - 1)];
}
