namespace Runway.Canary;

/// <summary>What canary analysis concluded.</summary>
public enum CanaryVerdict
{
    /// <summary>Not enough requests in one of the pools to judge.</summary>
    Inconclusive,

    /// <summary>The canary is not worse than the baseline, statistically and practically.</summary>
    Pass,

    /// <summary>The canary is significantly and materially worse (errors or latency).</summary>
    Fail,
}
