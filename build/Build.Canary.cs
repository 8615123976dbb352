using Runway.Canary;
using Runway.Targets;

/// <summary>Parameters of the canary: its weight, the bake, and the statistical thresholds.</summary>
sealed partial class Build
{
    [Parameter("The canary's share of traffic, in percent")]
    readonly int CanaryWeight = 10;

    [Parameter("How long the canary bakes (e.g. 30m in production, 20s locally)")]
    readonly TimeSpan BakeTime = TimeSpan.FromMinutes(30);

    [Parameter("How often the canary is analysed during the bake")]
    readonly TimeSpan AnalysisInterval = TimeSpan.FromMinutes(1);

    [Parameter("Requests each pool needs before a verdict is conclusive")]
    readonly int MinRequests = 50;

    [Parameter("Significance level of the statistical tests")]
    readonly double Alpha = 0.05;

    [Parameter("How much higher (absolute) the canary's error rate may be before it fails")]
    readonly double MaxErrorRateIncrease = 0.01;

    [Parameter("How many times slower the canary's median latency may be before it fails")]
    readonly double MaxLatencyIncrease = 1.2;

    [Parameter("The smallest slowdown of the median latency that can fail the canary")]
    readonly TimeSpan MinLatencyIncrease = TimeSpan.FromMilliseconds(25);

    CanaryOptions CanaryOptions => new()
    {
        BakeDuration = BakeTime,
        Interval = AnalysisInterval,
        MinRequestsPerPool = MinRequests,
        Alpha = Alpha,
        MaxErrorRateIncrease = MaxErrorRateIncrease,
        MaxLatencyIncreaseRatio = MaxLatencyIncrease,
        MinLatencyIncrease = MinLatencyIncrease,
    };
}
