using Runway.Phases;
using Runway.Service.Metrics;
using Shouldly;
using Xunit;

namespace Runway.Tests.Canary;

public sealed class BaselineSplitTests
{
    private static readonly BaselineSplit Split = new("1.0.0", "1.0.0~baseline", "1.1.0", 10);

    [Fact]
    public void Weights_TheCanaryAndTheFreshPoolGetTheShareEach_TheLivePoolTheRest() =>
        Split.Weights.ShouldBe(new Dictionary<string, int> { ["1.0.0"] = 80, ["1.0.0~baseline"] = 10, ["1.1.0"] = 10 });

    [Fact]
    public void Judged_ByRelease_CutsThePreviousReleasesCountsToTheFreshPoolsPart()
    {
        // 900 answered by 1.0.0 (live 800 + fresh 100, the same release header), 100 by the canary.
        var sent = new SentTraffic(1000, 18, new Dictionary<string, double> { ["1.0.0"] = 900, ["1.1.0"] = 100 },
            new Dictionary<string, double> { ["1.0.0"] = 9, ["1.1.0"] = 9 });

        var judged = Split.Judged(sent);

        judged.ByRelease.ShouldBe(new Dictionary<string, double> { ["1.0.0"] = 100, ["1.1.0"] = 100 });
        judged.ErrorsByRelease.ShouldBe(new Dictionary<string, double> { ["1.0.0"] = 1, ["1.1.0"] = 9 });
        (judged.Answered, judged.Errors).ShouldBe((200, 10));
    }

    [Fact]
    public void Judged_WithoutReleaseCounts_CutsTheWholeToTheJudgedPoolsShare()
    {
        var judged = Split.Judged(new SentTraffic(1000, 50, new Dictionary<string, double>(), new Dictionary<string, double>()));

        (judged.Answered, judged.Errors).ShouldBe((200, 10));
    }
}
