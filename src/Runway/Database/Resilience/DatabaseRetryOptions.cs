namespace Runway.Database.Resilience;

/// <summary>How <see cref="DatabaseRetry"/> retries transient connection failures.</summary>
public sealed record DatabaseRetryOptions
{
    /// <summary>Retries after the first attempt; 4 by default, so at most 5 attempts.</summary>
    public int MaxRetryAttempts { get; init; } = 4;

    /// <summary>The first delay, doubled per retry with jitter; 200 ms by default.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The cap on any single delay; 5 s by default.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);
}
