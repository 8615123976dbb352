namespace Runway.Canary;

/// <summary>
/// The clock of one bake, started when it is made: how long the bake has run, and the wait until its next look (one
/// interval on, never past the bake's end). Shared by the canary bake and the bake against absolute limits.
/// </summary>
public sealed class BakeClock
{
    private readonly CanaryOptions _options;
    private readonly TimeProvider _time;
    private readonly long _started;

    /// <summary>Starts the clock of a bake of <paramref name="options"/>' duration and interval.</summary>
    public BakeClock(CanaryOptions options, TimeProvider time)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _started = time.GetTimestamp();
    }

    /// <summary>How long the bake has run.</summary>
    public TimeSpan Elapsed => _time.GetElapsedTime(_started);

    /// <summary>Waits until the next look is due: one interval from now, or the bake's end if that comes first.</summary>
    public async Task UntilNextLookAsync(CancellationToken cancellationToken)
    {
        // A timer may wake a little early; a look is never taken before its time, or the bake's last planned look would
        // come a millisecond short of the end and a sliver of a look would follow it with no α left ("look 6/5").
        var next = Elapsed + _options.Interval;
        var due = next < _options.BakeDuration ? next : _options.BakeDuration;
        for (var left = due - Elapsed; left > TimeSpan.Zero; left = due - Elapsed)
            await Task.Delay(left, _time, cancellationToken).ConfigureAwait(false);
    }
}
