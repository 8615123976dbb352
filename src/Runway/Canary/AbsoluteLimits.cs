using System.Globalization;
using System.Text.Json.Nodes;

namespace Runway.Canary;

/// <summary>
/// What a release must stay within when there is no baseline to compare it with (its first deployment to an
/// environment): an error rate and a latency quantile, judged over a bake before the release is promoted.
/// </summary>
public sealed record AbsoluteLimits
{
    /// <summary>The highest error rate (status 500 and up) the release may show. Default 0.01 (one percent).</summary>
    public double MaxErrorRate { get; init; } = 0.01;

    /// <summary>The latency <see cref="LatencyQuantile"/> of requests must stay at or below this. Default 1 second.</summary>
    public TimeSpan MaxLatency { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Which quantile of latency is held to <see cref="MaxLatency"/>. Default 0.95.</summary>
    public double LatencyQuantile { get; init; } = 0.95;

    /// <summary>Below this many requests the judgement is inconclusive. Default 50.</summary>
    public int MinRequests { get; init; } = 50;

    /// <summary>Judges what the release did during the window.</summary>
    public AbsoluteJudgement Judge(string release, PoolCounters window)
    {
        ArgumentNullException.ThrowIfNull(window);
        var errorRate = window.Requests > 0 ? window.Errors / window.Requests : 0;
        var latency = HistogramQuantile.Of(window.Latency, LatencyQuantile);
        var (verdict, reason) = Verdict(window.Requests, errorRate, latency);
        return new AbsoluteJudgement(release, verdict, reason, window.Requests, errorRate, latency, this);
    }

    // A breach fails at once, even on few requests: errors seen are errors served. A pass needs enough requests.
    private (CanaryVerdict, string) Verdict(double requests, double errorRate, double? latency)
    {
        if (requests >= MinRequests && errorRate > MaxErrorRate)
            return (CanaryVerdict.Fail, $"error rate {Percent(errorRate)} is above the limit of {Percent(MaxErrorRate)} ({requests:0} requests)");
        if (requests >= MinRequests && latency > MaxLatency.TotalSeconds)
            return (CanaryVerdict.Fail, $"p{LatencyQuantile * 100:0} latency {Milliseconds(latency.Value)} is above the limit of {Milliseconds(MaxLatency.TotalSeconds)}");
        if (requests < MinRequests)
            return (CanaryVerdict.Inconclusive, $"only {requests:0} requests, fewer than the {MinRequests} needed to judge");
        return (CanaryVerdict.Pass, $"error rate {Percent(errorRate)} within {Percent(MaxErrorRate)}, p{LatencyQuantile * 100:0} latency " +
            $"{(latency is { } l ? Milliseconds(l) : "unknown")} within {Milliseconds(MaxLatency.TotalSeconds)}");
    }

    private static string Percent(double rate) => rate.ToString("P2", CultureInfo.InvariantCulture);

    // The one duration format (850 ms, 1 s, 1.4 s), not "1000 ms".
    private static string Milliseconds(double seconds) => HumanDuration.Format(TimeSpan.FromSeconds(seconds));
}

/// <summary>How a release without a baseline measured up to its <see cref="AbsoluteLimits"/>.</summary>
/// <param name="Release">The release judged.</param>
/// <param name="Verdict">Pass, Fail, or Inconclusive on too few requests.</param>
/// <param name="Reason">Why, in words.</param>
/// <param name="Requests">Requests in the window.</param>
/// <param name="ErrorRate">Their error rate.</param>
/// <param name="LatencySeconds">The limit's latency quantile, or null without observations.</param>
/// <param name="Limits">The limits applied.</param>
public sealed record AbsoluteJudgement(string Release, CanaryVerdict Verdict, string Reason, double Requests, double ErrorRate, double? LatencySeconds,
    AbsoluteLimits Limits)
{
    /// <summary>The judgement as evidence; says plainly that no baseline was compared.</summary>
    public JsonObject ToEvidence() => new()
    {
        ["judgedAgainst"] = "absolute limits",
        ["baseline"] = null,
        ["note"] = "no baseline: judged against absolute limits",
        ["verdict"] = Verdict.ToString(),
        ["reason"] = Reason,
        ["requests"] = Requests,
        ["errorRate"] = Math.Round(ErrorRate, 5),
        ["latencyQuantile"] = Limits.LatencyQuantile,
        ["latencySeconds"] = LatencySeconds is { } l && double.IsFinite(l) ? Math.Round(l, 4) : null,
        ["maxErrorRate"] = Limits.MaxErrorRate,
        ["maxLatencySeconds"] = Limits.MaxLatency.TotalSeconds,
    };
}
