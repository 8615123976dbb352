using Runway.Targets.Tests.Support;
using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.Execution;

public sealed class ExitCodeTests
{
    private sealed class VerdictBuild : RecordingBuild
    {
        public Target Default => _ => _.Executes(Record("Default"));
        public Target Skipped => _ => _.SkipWhen(_ => Task.FromResult<string?>("nothing to do")).Executes(Record("Skipped"));
        public Target Broken => _ => _.Executes(Fail("broken"));
    }

    [Theory]
    [InlineData(0, "Default")]
    [InlineData(0, "Default", "Skipped")]
    [InlineData(1, "Default", "Broken")]
    [InlineData(2, "Missing")]
    public void Run_ExitCode_IsZeroOnlyWhenEveryTargetSucceededOrWasSkipped(int expected, params string[] targets)
    {
        using var harness = new BuildHarness();

        harness.Run(() => new VerdictBuild(), targets).ShouldBe(expected);
    }

    [Fact]
    public void Run_Verdict_SaysSucceededOrFailedWithTheTime()
    {
        using var ok = new BuildHarness();
        using var failed = new BuildHarness();

        ok.Run(() => new VerdictBuild());
        failed.Run(() => new VerdictBuild(), "Broken");

        ok.Output.ShouldEndWith("Build succeeded on 2026-01-02 03:04:05 +00:00\n");
        failed.Output.ShouldEndWith("Build failed on 2026-01-02 03:04:05 +00:00\n");
    }

    [Fact]
    public void Run_Header_ShowsTheLogoUnlessNoLogo()
    {
        using var withLogo = new BuildHarness();
        using var withoutLogo = new BuildHarness();

        withLogo.Run(() => new VerdictBuild());
        withoutLogo.Run(() => new VerdictBuild(), "--no-logo");

        withLogo.Output.ShouldStartWith("▶ Runway");
        withLogo.Output.ShouldContain("run run00001, log .nuke/temp/logs/20260102-030405-run00001.clef");
        withoutLogo.Output.ShouldNotContain("▶ Runway");
    }

    [Fact]
    public void Run_VerbosityQuiet_HidesInformationButKeepsErrors()
    {
        using var harness = new BuildHarness();

        harness.Run(() => new VerdictBuild(), "Skipped", "Broken", "--verbosity", "quiet");

        harness.Output.ShouldNotContain("[INF]");
        harness.Output.ShouldContain("[ERR] Broken failed: broken");
    }

    [Fact]
    public void Run_VerbosityQuietAndSucceeding_WritesNothingOfItsOwn()
    {
        using var harness = new BuildHarness();

        // No header, frames, log lines or summary: what a target prints (Status --json) stands alone.
        harness.Run(() => new VerdictBuild(), "Default", "Skipped", "--verbosity", "quiet").ShouldBe(0);

        harness.Output.ShouldBeEmpty();
    }

    [Fact]
    public void Run_VerbosityQuietAndFailing_StillShowsTheSummary()
    {
        using var harness = new BuildHarness();

        harness.Run(() => new VerdictBuild(), "Broken", "--verbosity", "quiet");

        harness.Output.ShouldContain("Broken");
        harness.Output.ShouldContain("Failed");
        harness.Output.ShouldEndWith("Build failed on 2026-01-02 03:04:05 +00:00\n");
    }
}
