using Runway.Targets.Tests.Support;
using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.Execution;

public sealed class LifecycleTests
{
    private sealed class LifecycleBuild : RecordingBuild
    {
        [Parameter("a value bound before OnBuildInitialized")]
        public string Stage { get; set; } = "unset";

        public string? StageSeenAtInitialisation { get; private set; }

        public Target Default => _ => _.DependsOn(Skipped, Failing).Executes(Record("Default"));
        public Target Skipped => _ => _.OnlyWhenStatic(() => false).Executes(Record("Skipped"));
        public Target Working => _ => _.Executes(Record("Working"));
        public Target Failing => _ => _.DependsOn(Working).Executes(Fail("boom"));

        protected override void OnBuildInitialized()
        {
            StageSeenAtInitialisation = Stage;
            base.OnBuildInitialized();
        }
    }

    [Fact]
    public void Hooks_AreCalledInOrderWithParametersBoundFirst()
    {
        using var harness = new BuildHarness();
        var build = new LifecycleBuild();

        harness.Run(() => build, "--stage", "bound").ShouldBe(1);

        build.StageSeenAtInitialisation.ShouldBe("bound");
        build.Hooks.ShouldBe([
            "BuildInitialized",
            "Skipped Skipped: condition false",
            "Running Working",
            "Succeeded Working",
            "Running Failing",
            "Failed Failing: boom",
            "BuildFinished False",
        ]);
    }

    private sealed class BrokenInitialisationBuild : RecordingBuild
    {
        public Target Default => _ => _.Executes(Record("Default"));

        protected override void OnBuildInitialized() => throw new InvalidOperationException("no config");
    }

    [Fact]
    public void OnBuildInitialized_Throwing_FailsTheBuildBeforeAnyTargetAndStillFinishes()
    {
        using var harness = new BuildHarness();
        var build = new BrokenInitialisationBuild();

        harness.Run(() => build).ShouldBe(1);

        build.Ran.ShouldBeEmpty();
        build.Hooks.ShouldBe(["BuildFinished False"]);
        harness.Output.ShouldContain("[ERR] no config");
        harness.Output.ShouldNotContain("OnBuildInitialized", customMessage: "the reason alone, not the hook's name");
    }
}
