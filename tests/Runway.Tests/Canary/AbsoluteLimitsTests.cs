using Runway.Canary;
using Shouldly;
using Xunit;

namespace Runway.Tests.Canary;

public sealed class AbsoluteLimitsTests
{
    private static readonly AbsoluteLimits Limits = new() { MaxErrorRate = 0.01, MaxLatency = TimeSpan.FromMilliseconds(500), MinRequests = 50 };

    [Fact]
    public void Judge_ErrorRateAboveTheLimit_Fails()
    {
        var judgement = Limits.Judge("1.0.0", Window(requests: 200, errors: 10, fastShare: 1.0));

        judgement.Verdict.ShouldBe(CanaryVerdict.Fail);
        judgement.Reason.ShouldContain("error rate 5.00 % is above the limit of 1.00 %");
    }

    [Fact]
    public void Judge_P95LatencyAboveTheLimit_Fails()
    {
        var judgement = Limits.Judge("1.0.0", Window(requests: 200, errors: 0, fastShare: 0.9));

        judgement.Verdict.ShouldBe(CanaryVerdict.Fail);
        judgement.Reason.ShouldContain("p95 latency 550 ms is above the limit of 500 ms");
    }

    [Fact]
    public void Judge_WithinBothLimits_Passes_AndTheEvidenceSaysNoBaselineWasCompared()
    {
        var judgement = Limits.Judge("1.0.0", Window(requests: 200, errors: 1, fastShare: 0.99));

        judgement.Verdict.ShouldBe(CanaryVerdict.Pass);
        var evidence = judgement.ToEvidence();
        evidence["note"]!.GetValue<string>().ShouldBe("no baseline: judged against absolute limits");
        evidence["verdict"]!.GetValue<string>().ShouldBe("Pass");
    }

    [Fact]
    public void Judge_TooFewRequests_IsInconclusive()
    {
        Limits.Judge("1.0.0", Window(requests: 10, errors: 0, fastShare: 1.0)).Verdict.ShouldBe(CanaryVerdict.Inconclusive);
    }

    // Buckets at 0.1 s, 1 s and +Inf: fastShare of the requests under 0.1 s, the rest under 1 s.
    private static PoolCounters Window(double requests, double errors, double fastShare) =>
        new(requests, errors, [new LatencyBucket(0.1, requests * fastShare), new LatencyBucket(1, requests), new LatencyBucket(double.PositiveInfinity, requests)]);
}
