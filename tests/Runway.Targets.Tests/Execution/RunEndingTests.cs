using Runway.Targets.Tests.Support;
using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.Execution;

/// <summary>
/// Issue 14 rule 8: the verdict is the run's last line (what OnBuildFinished logs comes before the summary), and a
/// refusal reads as a refusal: "X refused: …", shown as Refused, with nothing after it (no "no phase failed" beside it).
/// </summary>
public sealed class RunEndingTests
{
    private sealed class LockedBuild : RecordingBuild
    {
        public Target Gates => _ => _.Executes(() => throw new InvalidOperationException("Environment 'local' is locked: it is held by ci"));
        public Target Canary => _ => _.After(Gates).Executes(Record("Canary"));
        public Target Default => _ => _.DependsOn(Gates, Canary);
        public Target AutoRollback => _ => _.TriggeredBy(Canary).AssuredAfterFailure().SkipWhen(_ => Task.FromResult<string?>("no phase failed"));

        protected internal override bool IsRefusal(Exception error) => error.Message.Contains("is locked", StringComparison.Ordinal);

        protected override void OnBuildFinished(bool succeeded) => Logger.Information("Released environment local");
    }

    private sealed class FinishingBuild : RecordingBuild
    {
        public Target Default => _ => _.Executes(Record("Default"));

        protected override void OnBuildFinished(bool succeeded) => Logger.Information("Released environment local");
    }

    [Fact]
    public void OnBuildFinished_LogsBeforeTheSummary_SoTheVerdictIsTheLastLine()
    {
        using var harness = new BuildHarness();

        harness.Run(() => new FinishingBuild(), "--no-logo").ShouldBe(0, harness.Output);

        harness.Output.IndexOf("Released environment local", StringComparison.Ordinal)
            .ShouldBeLessThan(harness.Output.IndexOf("Target ", StringComparison.Ordinal), harness.Output);
        LastLine(harness.Output).ShouldStartWith("Build succeeded on ");
    }

    [Fact]
    public void Refusal_ReadsAsARefusal_AndNothingRunsAfterIt()
    {
        using var harness = new BuildHarness();
        var build = new LockedBuild();

        harness.Run(() => build, "--no-logo").ShouldBe(1, harness.Output);

        harness.Output.ShouldContain("[ERR] Gates refused: Environment 'local' is locked");
        harness.Output.ShouldNotContain("failed:");
        harness.Output.ShouldNotContain("no phase failed", customMessage: "no assured target runs after a refusal");
        harness.Output.ShouldMatch(@"Gates\s+Refused");
        build.Ran.ShouldBeEmpty();
        LastLine(harness.Output).ShouldStartWith("Build refused on ");
    }

    private static string LastLine(string output) => output.TrimEnd().Split('\n')[^1];
}
