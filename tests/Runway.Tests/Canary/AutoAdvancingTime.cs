using Microsoft.Extensions.Time.Testing;

namespace Runway.Tests.Canary;

/// <summary>
/// Fake time that jumps ahead by each delay as soon as it is waited on, so a 30-minute bake runs in milliseconds with
/// exactly the elapsed times a real clock would show (nothing else in the bake waits).
/// </summary>
public sealed class AutoAdvancingTime : FakeTimeProvider
{
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        // Advancing here, before Task.Delay has stored its timer, would run the callback too early: queue it instead.
        ThreadPool.QueueUserWorkItem(_ => Advance(dueTime));
        return timer;
    }
}
