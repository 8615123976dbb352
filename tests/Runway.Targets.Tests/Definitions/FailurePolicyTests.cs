using Runway.Targets.Tests.Support;
using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.Definitions;

public sealed class FailurePolicyTests
{
    private sealed class FailingBuild(bool proceed) : RecordingBuild
    {
        public Target Broken => _ => proceed ? _.ProceedAfterFailure().Executes(Fail("disk full")) : _.Executes(Fail("disk full"));
        public Target AfterBroken => _ => _.DependsOn(Broken).Executes(Record("AfterBroken"));
        public Target Independent => _ => _.After(Broken).Executes(Record("Independent"));
        public Target Cleanup => _ => _.After(Independent).AssuredAfterFailure().Executes(Record("Cleanup"));
        public Target Alert => _ => _.TriggeredBy(Broken).Executes(Record("Alert"));
    }

    [Fact]
    public void Failure_WithoutProceedAfterFailure_LaterTargetsDoNotRunButAssuredOnesDo()
    {
        using var harness = new BuildHarness();
        var build = new FailingBuild(proceed: false);

        var exitCode = harness.Run(() => build, "Broken", "Independent", "Cleanup");

        exitCode.ShouldBe(1);
        build.Ran.ShouldBe(["Cleanup"]);
        harness.Output.ShouldContain("Independent   NotRun");
    }

    [Fact]
    public void ProceedAfterFailure_LaterIndependentTargetsRunButDependentsDoNot()
    {
        using var harness = new BuildHarness();
        var build = new FailingBuild(proceed: true);

        var exitCode = harness.Run(() => build, "AfterBroken", "Independent", "Cleanup");

        exitCode.ShouldBe(1);
        build.Ran.ShouldBe(["Independent", "Cleanup"]);
        harness.Output.ShouldContain("AfterBroken   NotRun");
    }

    [Fact]
    public void ProceedAfterFailure_TargetsTriggeredByTheFailedOneDoNotRun()
    {
        using var harness = new BuildHarness();
        var build = new FailingBuild(proceed: true);

        harness.Run(() => build, "Broken", "Independent").ShouldBe(1);

        build.Ran.ShouldBe(["Independent"]);
        harness.Output.ShouldContain("Alert         NotRun");
    }

    [Fact]
    public void Failure_PrintsTheMessageWithoutAStackTraceUnlessVerbose()
    {
        using var normal = new BuildHarness();
        using var verbose = new BuildHarness();

        normal.Run(() => new FailingBuild(false), "Broken");
        verbose.Run(() => new FailingBuild(false), "Broken", "--verbosity", "verbose");

        normal.Output.ShouldContain("[ERR] Broken failed: disk full");
        normal.Output.ShouldNotContain("   at ");
        verbose.Output.ShouldContain("   at ");
    }
}
