using Runway.Targets.Tests.Support;
using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.Logging;

/// <summary>Issue 14 rule 8: a duration in a log line reads as the summary and help write it (<c>1 m 30 s</c>), never as a raw TimeSpan.</summary>
public sealed class LogDurationTests
{
    private sealed class TimingBuild : RecordingBuild
    {
        public Target Default => _ => _.Executes(() =>
        {
            Logger.Information("Backed up in {Duration}", TimeSpan.FromSeconds(90));
            Logger.Information("Restored in {Duration}", TimeSpan.FromMilliseconds(546.19));
            Logger.Information("Bake {Left} left", TimeSpan.FromSeconds(15.3242508));
            Logger.Information("Rate {Rate:F1} and {Count} requests", 2.345, 7);
            Logger.Warning("Lease of {Lease} lapsed", TimeSpan.FromSeconds(20));
        });
    }

    [Theory]
    [InlineData("normal")]
    [InlineData("verbose")]
    public void TimeSpanProperties_AreWrittenInTheEnginesDurationFormat(string verbosity)
    {
        using var harness = new BuildHarness();

        harness.Run(() => new TimingBuild(), "--verbosity", verbosity).ShouldBe(0, harness.Output);

        harness.Output.ShouldContain("Backed up in 1 m 30 s", customMessage: harness.Output);
        harness.Output.ShouldContain("Restored in 546 ms");
        harness.Output.ShouldContain("Bake 15 s left");
        harness.Output.ShouldContain("Lease of 20 s lapsed");
        harness.Output.ShouldContain("Rate 2.3 and 7 requests", customMessage: "other values keep their own formats");
        harness.Output.ShouldNotMatch(@"\d\d:\d\d:\d\d\.\d|""\d\d:\d\d", "no raw TimeSpan");
    }
}
