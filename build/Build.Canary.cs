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

    [Parameter("False-positive budget of each canary metric over the whole bake (one-sided)")]
    readonly double Alpha = 0.01;

    [Parameter("Shape of the Hwang-Shih-DeCani alpha-spending function (negative spends late)")]
    readonly double SpendingGamma = -4;

    [Parameter("Looks in a row whose metrics cannot be read before the bake stops on it")]
    readonly int MaxMeasurementErrors = 4;

    [Parameter("How much higher (absolute) the canary's error rate may be before it fails")]
    readonly double MaxErrorRateIncrease = 0.01;

    [Parameter("How many times slower the canary's median latency may be before it fails")]
    readonly double MaxLatencyIncrease = 1.2;

    [Parameter("What the canary is compared with: fresh (a new pool of the previous release of the canary's size and share), live (the running pool), or auto (fresh where the runtime can run it)")]
    readonly string CanaryBaseline = "auto";

    CanaryOptions CanaryOptions => new()
    {
        Baseline = CanaryBaseline,
        BakeDuration = BakeTime,
        Interval = AnalysisInterval,
        MinRequestsPerPool = MinRequests,
        Alpha = Alpha,
        MaxErrorRateIncrease = MaxErrorRateIncrease,
        MaxLatencyIncreaseRatio = MaxLatencyIncrease,
        SpendingGamma = SpendingGamma,
        MaxConsecutiveMeasurementErrors = MaxMeasurementErrors,
    };
}
