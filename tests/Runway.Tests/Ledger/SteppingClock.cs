namespace Runway.Tests.Ledger;

/// <summary>A deterministic clock: every reading is one second after the previous one.</summary>
internal sealed class SteppingClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public SteppingClock() : this(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero)) { }

    public override DateTimeOffset GetUtcNow() =>
        new(Interlocked.Add(ref _ticks, TimeSpan.TicksPerSecond) - TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
