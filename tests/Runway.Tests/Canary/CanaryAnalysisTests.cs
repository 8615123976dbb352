using Runway.Canary;
using Shouldly;
using Xunit;

namespace Runway.Tests.Canary;

public sealed class CanaryAnalysisTests
{
    private readonly CanaryAnalysis _analysis = new(new CanaryOptions());

    [Fact]
    public void Analyze_SimilarPools_Passes()
    {
        var result = _analysis.Analyze("1.0.0", Counters(1000, 10, fast: 900, slow: 100), "1.1.0", Counters(1000, 12, fast: 890, slow: 110));

        result.Verdict.ShouldBe(CanaryVerdict.Pass);
        result.Canary.ErrorRate.ShouldBe(0.012);
    }

    [Fact]
    public void Analyze_CanaryWithManyMoreErrors_FailsOnErrorRate()
    {
        var result = _analysis.Analyze("1.0.0", Counters(1000, 0, 1000, 0), "1.1.0", Counters(1000, 50, 1000, 0));

        result.Verdict.ShouldBe(CanaryVerdict.Fail);
        result.Reason.ShouldContain("error rate");
        result.ErrorTest.PValue.ShouldBeLessThan(0.05);
    }

    [Fact]
    public void Analyze_SignificantButTinyErrorIncrease_PassesOnPracticalThreshold()
    {
        // 0.1% against 0.6% is significant with 20 000 requests each, but below the one point allowed.
        var result = _analysis.Analyze("1.0.0", Counters(20000, 20, 20000, 0), "1.1.0", Counters(20000, 120, 20000, 0));

        result.ErrorTest.PValue.ShouldBeLessThan(0.05);
        result.Verdict.ShouldBe(CanaryVerdict.Pass);
    }

    [Fact]
    public void Analyze_SlowerCanary_FailsOnLatency()
    {
        var result = _analysis.Analyze("1.0.0", Counters(500, 0, fast: 450, slow: 50), "1.1.0", Counters(500, 0, fast: 100, slow: 400));

        result.Verdict.ShouldBe(CanaryVerdict.Fail);
        result.Reason.ShouldContain("latency");
        // Interpolated medians: rank 250 of 450 in 5-10 ms against rank 150 of 400 in 25-50 ms.
        result.MedianLatencyRatio!.Value.ShouldBe((0.025 + (0.025 * 150 / 400)) / (0.005 + (0.005 * 250 / 450)), 1e-9);
        result.LatencyTest.PValue.ShouldBeLessThan(0.05);
    }

    [Fact]
    public void Analyze_TwiceAsSlowAtTwentyMilliseconds_Fails()
    {
        // Baseline in 10-25 ms, canary in 25-50 ms: twice as slow, only 20 ms slower; no absolute floor hides it.
        var baseline = new PoolCounters(500, 0, [new LatencyBucket(0.01, 0), new LatencyBucket(0.025, 500), new LatencyBucket(0.05, 500), new LatencyBucket(double.PositiveInfinity, 500)]);
        var canary = new PoolCounters(500, 0, [new LatencyBucket(0.01, 0), new LatencyBucket(0.025, 0), new LatencyBucket(0.05, 500), new LatencyBucket(double.PositiveInfinity, 500)]);

        var result = _analysis.Analyze("1.0.0", baseline, "1.1.0", canary);

        result.Verdict.ShouldBe(CanaryVerdict.Fail, result.Reason);
        result.MedianLatencyRatio!.Value.ShouldBe(0.0375 / 0.0175, 1e-9);
    }

    [Fact]
    public void Analyze_OneCanaryErrorAmongItsFirstRequests_DoesNotFail()
    {
        // 0 of 540 against 1 of 60: the pooled z says 3.2, the exact conditional test says p = 0.1.
        var result = _analysis.Analyze("1.0.0", Counters(540, 0, 540, 0), "1.1.0", Counters(60, 1, 60, 0));

        result.Verdict.ShouldBe(CanaryVerdict.Pass, result.Reason);
    }

    [Fact]
    public void Analyze_Median_IsInterpolatedWithinItsBucketAsPrometheusDoes()
    {
        var result = _analysis.Analyze("1.0.0", Counters(1000, 0, 900, 100), "1.1.0", Counters(1000, 0, 890, 110));

        // Rank 500 of 900 in the 5-10 ms bucket: 5 + 5 * 500 / 900 ms (histogram_quantile), not the 7.5 ms midpoint.
        result.Baseline.MedianLatencySeconds!.Value.ShouldBe(0.005 + (0.005 * 500 / 900), 1e-12);
    }

    [Fact]
    public void Analyze_TooFewRequests_IsInconclusive()
    {
        var result = _analysis.Analyze("1.0.0", Counters(1000, 0, 1000, 0), "1.1.0", Counters(49, 49, 49, 0));

        result.Verdict.ShouldBe(CanaryVerdict.Inconclusive);
        result.Reason.ShouldContain("at least 50");
    }

    [Fact]
    public void ToEvidence_FailedAnalysis_CarriesTheFigures()
    {
        var evidence = _analysis.Analyze("1.0.0", Counters(1000, 0, 1000, 0), "1.1.0", Counters(1000, 50, 1000, 0)).ToEvidence();

        evidence["verdict"]!.GetValue<string>().ShouldBe("Fail");
        evidence["canary"]!["requests"]!.GetValue<double>().ShouldBe(1000);
        evidence["canary"]!["errorRate"]!.GetValue<double>().ShouldBe(0.05);
        evidence["errorRate"]!["p"]!.GetValue<double>().ShouldBeLessThan(0.05);
        evidence["latency"]!["u"].ShouldNotBeNull();
        evidence.ToJsonString().ShouldContain("\"release\":\"1.1.0\"");
        evidence["thresholds"]!["alpha"]!.GetValue<double>().ShouldBe(0.01);
    }

    [Fact]
    public void Options_OutOfRange_ThrowNamingEachProblem()
    {
        var error = Should.Throw<ArgumentException>(() => new CanaryOptions { Alpha = 1.5, MinRequestsPerPool = 0 }.Validate());

        error.Message.ShouldContain("Alpha");
        error.Message.ShouldContain("MinRequestsPerPool");
    }

    // Requests split between the 5-10 ms bucket ("fast") and the 25-50 ms bucket ("slow").
    private static PoolCounters Counters(double requests, double errors, double fast, double slow) =>
        new(requests, errors, [new LatencyBucket(0.005, 0), new LatencyBucket(0.01, fast), new LatencyBucket(0.025, fast), new LatencyBucket(0.05, fast + slow), new LatencyBucket(double.PositiveInfinity, fast + slow)]);
}
