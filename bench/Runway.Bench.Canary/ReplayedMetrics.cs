using Microsoft.Extensions.Time.Testing;
using Runway.Canary;

namespace Runway.Bench.Canary;

/// <summary>A metrics source that replays a drawn trajectory: the n-th read of a pool returns its n-th counters.</summary>
internal sealed class ReplayedMetrics(Trajectory trajectory) : IMetricsSource
{
    private int _baselineReads;
    private int _canaryReads;

    public Task<PoolCounters> ReadAsync(CanaryPool pool, CancellationToken cancellationToken)
    {
        var canary = pool.Release == "canary";
        var read = canary ? _canaryReads++ : _baselineReads++;
        var readings = canary ? trajectory.Canary : trajectory.Baseline;
        return Task.FromResult(readings[Math.Min(read, readings.Length - 1)]);
    }
}

/// <summary>Fake time that jumps ahead by each delay as soon as it is waited on, so a 30-minute bake takes microseconds.</summary>
internal sealed class AutoAdvancingTime : FakeTimeProvider
{
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        // Advancing before Task.Delay has stored its timer would run the callback too early: queue it instead.
        ThreadPool.UnsafeQueueUserWorkItem(_ => Advance(dueTime), null);
        return timer;
    }
}
