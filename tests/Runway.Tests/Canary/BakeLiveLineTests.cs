using Runway.Canary;
using Shouldly;
using Xunit;

namespace Runway.Tests.Canary;

public sealed class BakeLiveLineTests
{
    [Fact]
    public void Report_TwoLooks_RedrawsOneLinePerPoolInPlace()
    {
        var terminal = new StringWriter();
        var live = new BakeLiveLine(terminal, "1.0.0", "1.1.0");
        var analysis = new CanaryAnalysis(new CanaryOptions()).Analyze(
            "1.0.0", ScriptedMetrics.Steady(900, 9), "1.1.0", ScriptedMetrics.Steady(100, 1), boundary: 3.1);
        var look = new BakeLook(2, TimeSpan.FromSeconds(8), 0.4, analysis, null);
        var progress = new BakeProgress(TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(12), 900, 100, 0.01, 0.01, analysis.Verdict) { Look = look, PlannedLooks = 5 };

        live.Report(progress);
        live.Report(progress);

        var lines = terminal.ToString().Split('\n');
        lines[0].ShouldContain("baseline 1.0.0");
        lines[0].ShouldContain("900 requests");
        lines[0].ShouldContain("1.00 % errors");
        lines[0].ShouldContain("median");
        lines[1].ShouldContain("canary   1.1.0");
        lines[1].ShouldContain("vs boundary 3.10: Pass");
        lines[1].ShouldContain("look 2/5, 12 s left");
        lines[2].ShouldStartWith("\u001b[2A", customMessage: "the second report moves up over the first two lines");
    }
}
