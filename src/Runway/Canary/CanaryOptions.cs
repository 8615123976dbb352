namespace Runway.Canary;

/// <summary>How long a canary bakes and how strict its analysis is. Validate once with <see cref="Validate"/>.</summary>
public sealed class CanaryOptions
{
    /// <summary>How long the canary takes traffic before it may pass. Default 10 minutes.</summary>
    public TimeSpan BakeDuration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How often metrics are read and analysed. Default 60 seconds; a few seconds locally.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Significance level of both one-sided tests. Default 0.05.</summary>
    public double Alpha { get; init; } = 0.05;

    /// <summary>
    /// The canary fails on errors only when its error rate exceeds the baseline's by at least this much (absolute,
    /// 0.01 = one percentage point), so that a significant but harmless difference does not block a release. Default 0.01.
    /// </summary>
    public double MaxErrorRateIncrease { get; init; } = 0.01;

    /// <summary>
    /// The canary fails on latency only when its median latency is at least this many times the baseline's. Default 1.2.
    /// </summary>
    public double MaxLatencyIncreaseRatio { get; init; } = 1.2;

    /// <summary>
    /// The smallest slowdown of the median, in absolute terms, that can fail a canary. Default 25 ms. Below it the
    /// histogram's low buckets are too coarse to tell (2.5 ms against 7.5 ms reads as a 3× ratio), and a freshly
    /// started canary is measured against a warm baseline.
    /// </summary>
    public TimeSpan MinLatencyIncrease { get; init; } = TimeSpan.FromMilliseconds(25);

    /// <summary>Below this many requests in either pool the verdict is inconclusive. Default 50.</summary>
    public int MinRequestsPerPool { get; init; } = 50;

    /// <summary>Throws when an option is out of range, naming the option, its value and the allowed range.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public CanaryOptions Validate()
    {
        var problems = new List<string>();
        Check(problems, Interval > TimeSpan.Zero, $"Interval must be positive (got {Interval})");
        Check(problems, BakeDuration >= Interval, $"BakeDuration ({BakeDuration}) must be at least Interval ({Interval})");
        Check(problems, Alpha is > 0 and < 1, $"Alpha must be between 0 and 1 exclusive (got {Alpha})");
        Check(problems, MaxErrorRateIncrease is >= 0 and < 1, $"MaxErrorRateIncrease must be in [0, 1) (got {MaxErrorRateIncrease})");
        Check(problems, MaxLatencyIncreaseRatio >= 1, $"MaxLatencyIncreaseRatio must be at least 1 (got {MaxLatencyIncreaseRatio})");
        Check(problems, MinLatencyIncrease >= TimeSpan.Zero, $"MinLatencyIncrease must not be negative (got {MinLatencyIncrease})");
        Check(problems, MinRequestsPerPool >= 1, $"MinRequestsPerPool must be at least 1 (got {MinRequestsPerPool})");
        return problems.Count == 0
            ? this
            : throw new ArgumentException("Invalid canary options: " + string.Join("; ", problems) + ".");
    }

    private static void Check(List<string> problems, bool valid, string problem)
    {
        if (!valid)
        {
            problems.Add(problem);
        }
    }
}
