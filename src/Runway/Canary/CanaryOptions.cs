namespace Runway.Canary;

/// <summary>How long a canary bakes and how strict its analysis is. Validate once with <see cref="Validate"/>.</summary>
public sealed class CanaryOptions
{
    /// <summary>How long the canary takes traffic before it may pass. Default 10 minutes.</summary>
    public TimeSpan BakeDuration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How often metrics are read and analysed. Default 60 seconds; a few seconds locally.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The false-positive budget of each metric (errors, latency) over the whole bake, one-sided. Default 0.01: a
    /// healthy canary fails at most 1% of bakes on errors and 1% on latency however often it is looked at. (0.025 was
    /// measured too: at low traffic the practical margins are below the noise, and the error test alone then fails
    /// about 2% of healthy bakes; see bench/RESULTS.md.)
    /// </summary>
    public double Alpha { get; init; } = 0.01;

    /// <summary>
    /// The shape γ of the Hwang–Shih–DeCani α-spending function. Default −4: little α spent early (a canary is not
    /// failed on its first handful of requests), most of it once the data is in, close to O'Brien–Fleming.
    /// </summary>
    public double SpendingGamma { get; init; } = -4;

    /// <summary>
    /// How many looks in a row may fail to read the metrics before the bake stops on it. Default 4 (as Argo Rollouts'
    /// <c>consecutiveErrorLimit</c>): a dropped scrape is a measurement error, not a verdict on the canary.
    /// </summary>
    public int MaxConsecutiveMeasurementErrors { get; init; } = 4;

    /// <summary>
    /// The canary fails on errors only when its error rate exceeds the baseline's by at least this much (absolute,
    /// 0.01 = one percentage point), so that a significant but harmless difference does not block a release. Default 0.01.
    /// </summary>
    public double MaxErrorRateIncrease { get; init; } = 0.01;

    /// <summary>
    /// The canary fails on latency only when its median latency (interpolated within its bucket) is at least this many
    /// times the baseline's. Default 1.2.
    /// </summary>
    public double MaxLatencyIncreaseRatio { get; init; } = 1.2;

    /// <summary>
    /// What the canary is compared with: a fresh pool of the previous release of the canary's size and share (where the
    /// environment can run one), or the live pool. The live pool serves nine times the canary's traffic and, busy,
    /// answers faster than an instance that serves a tenth of it, which failed healthy canaries on latency. One of
    /// <c>auto</c> (default), <c>fresh</c>, <c>live</c> (see <see cref="CanaryBaseline"/>); checked before a run starts
    /// anything. The bake itself compares whichever two pools it is given.
    /// </summary>
    public string Baseline { get; init; } = "auto";

    /// <summary>Below this many requests in either pool the verdict is inconclusive. Default 50.</summary>
    public int MinRequestsPerPool { get; init; } = 50;

    /// <summary>How many looks the bake plans: the bake divided by the interval, rounded up.</summary>
    public int PlannedLooks => (int)Math.Ceiling(BakeDuration / Interval);

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
        Check(problems, double.IsFinite(SpendingGamma), $"SpendingGamma must be a number (got {SpendingGamma})");
        Check(problems, MaxConsecutiveMeasurementErrors >= 1, $"MaxConsecutiveMeasurementErrors must be at least 1 (got {MaxConsecutiveMeasurementErrors})");
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
