using Runway.Canary;

namespace Runway.Tests.Canary;

/// <summary>Counters a test writes per read: read n of a pool (0 is the bake's start) returns what the script says.</summary>
public sealed class ScriptedMetrics(Func<CanaryPool, int, PoolCounters> script) : IMetricsSource
{
    private readonly Dictionary<string, int> _reads = [];

    public Task<PoolCounters> ReadAsync(CanaryPool pool, CancellationToken cancellationToken)
    {
        int read;
        lock (_reads)
        {
            read = _reads.GetValueOrDefault(pool.Release);
            _reads[pool.Release] = read + 1;
        }

        return Task.FromResult(script(pool, read));
    }

    /// <summary>Counters of a pool that has served <paramref name="requests"/>, <paramref name="errors"/> of them errors, all in 5–10 ms.</summary>
    public static PoolCounters Steady(double requests, double errors = 0) =>
        new(requests, errors, [new LatencyBucket(0.005, 0), new LatencyBucket(0.01, requests), new LatencyBucket(double.PositiveInfinity, requests)]);
}
