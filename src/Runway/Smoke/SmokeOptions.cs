namespace Runway.Smoke;

/// <summary>How patient smoke tests are while the service warms up. Validate once with <see cref="Validate"/>.</summary>
public sealed class SmokeOptions
{
    /// <summary>Retries of a probe that met a connection error, a timeout or a 5xx it did not expect. Default 5.</summary>
    public int WarmUpRetries { get; init; } = 5;

    /// <summary>First retry delay; later ones double. Default 500 ms.</summary>
    public TimeSpan WarmUpDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait for one request before it counts as failed (and is retried). Default 10 seconds.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest time for the whole run; probes not finished by then fail. Default 2 minutes.</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Throws when an option is out of range, naming it.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public SmokeOptions Validate()
    {
        if (WarmUpRetries < 0 || WarmUpDelay < TimeSpan.Zero)
        {
            throw new ArgumentException($"Invalid smoke options: WarmUpRetries ({WarmUpRetries}) and WarmUpDelay ({WarmUpDelay}) must not be negative.");
        }

        if (RequestTimeout <= TimeSpan.Zero || TotalTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Invalid smoke options: RequestTimeout ({RequestTimeout}) and TotalTimeout ({TotalTimeout}) must be positive.");
        }

        return this;
    }
}
