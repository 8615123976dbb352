using Runway.Targets.Tests.Support;
using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.Planning;

public sealed class PlanningErrorTests
{
    private sealed class CyclicBuild : RecordingBuild
    {
        public Target Default => _ => _.Executes(Record("Default"));
        public Target First => _ => _.DependsOn(Second).Executes(Record("First"));
        public Target Second => _ => _.DependsOn(Third).Executes(Record("Second"));
        public Target Third => _ => _.After(First).Executes(Record("Third"));
    }

    private sealed class SmallBuild : RecordingBuild
    {
        public Target Default => _ => _.Executes(Record("Default"));
        public Target Deploy => _ => _.DependsOn(Default).Executes(Record("Deploy"));
        public Target Rollback => _ => _.Executes(Record("Rollback"));
    }

    private sealed class InlineReferenceBuild : RecordingBuild
    {
        public Target Default => _ => _.DependsOn(d => d.Executes(() => { })).Executes(Record("Default"));
    }

    [Fact]
    public void Run_DependencyThatIsNotATargetProperty_FailsSayingHowToDeclareTargets()
    {
        using var harness = new BuildHarness();
        var build = new InlineReferenceBuild();

        harness.Run(() => build).ShouldBe(2);

        build.Ran.ShouldBeEmpty();
        harness.Output.ShouldContain("Declare targets as properties");
    }

    [Fact]
    public void Run_WithACycle_FailsBeforeAnythingRunsAndNamesTheCycle()
    {
        using var harness = new BuildHarness();
        var build = new CyclicBuild();

        var exitCode = harness.Run(() => build, "Default");

        exitCode.ShouldBe(2);
        build.Ran.ShouldBeEmpty();
        harness.Output.ShouldContain("The targets form a cycle: First → Second → Third → First");
    }

    [Fact]
    public void Run_UnknownTarget_FailsAndSuggestsTheNearestNames()
    {
        using var harness = new BuildHarness();
        var build = new SmallBuild();

        var exitCode = harness.Run(() => build, "Deplyo");

        exitCode.ShouldBe(2);
        build.Ran.ShouldBeEmpty();
        harness.Output.ShouldContain("Target 'Deplyo' is not defined. Did you mean Deploy?");
    }

    [Fact]
    public void Run_UnknownOption_FailsAndSuggestsTheNearestOption()
    {
        using var harness = new BuildHarness();

        var exitCode = harness.Run(() => new SmallBuild(), "--verbsity", "quiet");

        exitCode.ShouldBe(2);
        harness.Output.ShouldContain("Unknown option --verbsity");
        harness.Output.ShouldContain("--verbosity");
    }

    [Fact]
    public void Run_BadVerbosity_FailsNamingTheAllowedLevels()
    {
        using var harness = new BuildHarness();

        harness.Run(() => new SmallBuild(), "--verbosity", "loud").ShouldBe(2);

        harness.Output.ShouldContain("quiet, minimal, normal, verbose");
    }

    [Fact]
    public void Skip_WithoutNames_SkipsAllButTheInvokedTargets()
    {
        using var harness = new BuildHarness();
        var build = new SmallBuild();

        harness.Run(() => build, "Deploy", "--skip").ShouldBe(0);

        build.Ran.ShouldBe(["Deploy"]);
        harness.Output.ShouldContain("Skipped (--skip)");
    }

    [Fact]
    public void Skip_WithNames_SkipsThoseTargets()
    {
        using var harness = new BuildHarness();
        var build = new SmallBuild();

        harness.Run(() => build, "Deploy", "Rollback", "--skip", "rollback").ShouldBe(0);

        build.Ran.ShouldBe(["Default", "Deploy"]);
    }

    [Fact]
    public void Skip_WithAnUnknownName_FailsWithASuggestion()
    {
        using var harness = new BuildHarness();

        harness.Run(() => new SmallBuild(), "Deploy", "--skip", "Rolback").ShouldBe(2);

        harness.Output.ShouldContain("Did you mean Rollback?");
    }
}
