using Runway.Targets.Tests.Support;
using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.Output;

/// <summary>Issue 14 rule 5: diagnostics go to standard error, data to standard output.</summary>
public sealed class DiagnosticStreamTests
{
    private sealed class ReportBuild : RecordingBuild
    {
        [Parameter("Print JSON")]
        public bool Json { get; set; }

        protected internal override bool OutputIsData => Json;

        public Target Report => _ => _.Executes(() => Logger.Information("Reading {Thing}", "status"));
        public Target Warn => _ => _.Executes(() => Logger.Warning("Careful with {Thing}", "status"));
        public Target Broken => _ => _.Executes(Fail("broken"));
    }

    [Fact]
    public void Run_WarningsAndErrors_GoToStandardErrorOnly()
    {
        using var harness = new BuildHarness();

        harness.Run(() => new ReportBuild(), "Report", "Warn", "Broken");

        harness.StandardError.ShouldContain("[WRN] Careful with status");
        harness.StandardError.ShouldContain("[ERR]");
        harness.StandardOutput.ShouldNotContain("[WRN]");
        harness.StandardOutput.ShouldNotContain("[ERR]");
        harness.StandardOutput.ShouldContain("[INF] Reading status");
    }

    [Fact]
    public void Run_InvalidInput_GoesToStandardError()
    {
        using var harness = new BuildHarness();

        harness.Run(() => new ReportBuild(), "Reprot").ShouldBe(2);

        harness.StandardError.ShouldContain("Target 'Reprot' is not defined");
        harness.StandardOutput.ShouldBeEmpty();
    }

    [Fact]
    public void Run_OutputIsDataAndFailing_KeepsSummaryAndVerdictOffStandardOutput()
    {
        using var harness = new BuildHarness();

        harness.Run(() => new ReportBuild(), "Broken", "--json", "--verbosity", "quiet").ShouldBe(1);

        harness.StandardOutput.ShouldBeEmpty();
        harness.StandardError.ShouldContain("Broken");
        harness.StandardError.ShouldContain("Build failed on");
    }

    [Fact]
    public void Run_OutputIsData_PutsHeaderFramesAndSummaryOnStandardError()
    {
        using var harness = new BuildHarness();

        harness.Run(() => new ReportBuild(), "Report", "--json").ShouldBe(0);

        harness.StandardOutput.ShouldNotContain("Runway");
        harness.StandardOutput.ShouldNotContain("═══");
        harness.StandardOutput.ShouldNotContain("Build succeeded");
        harness.StandardError.ShouldContain("Build succeeded");
    }
}
