using Runway.Targets.Tests.Support;
using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.Planning;

public sealed class RequiresTests
{
    private sealed class RequiringBuild : RecordingBuild
    {
        [Parameter("the release to deploy")]
        public string? ReleaseVersion { get; set; }

        public Target Default => _ => _.Executes(Record("Default"));
        public Target Deploy => _ => _.DependsOn(Default).Requires(() => ReleaseVersion).Executes(Record("Deploy"));
    }

    [Fact]
    public void Requires_MissingParameter_FailsBeforeAnythingRunsAndSaysHowToSetIt()
    {
        using var harness = new BuildHarness();
        var build = new RequiringBuild();

        var exitCode = harness.Run(() => build, "Deploy");

        exitCode.ShouldBe(2);
        build.Ran.ShouldBeEmpty();
        harness.Output.ShouldContain("Deploy requires parameter ReleaseVersion, which is not set. Pass --release-version <value>, set RUNWAY_RELEASE_VERSION");
    }

    [Fact]
    public void Requires_ParameterFromTheEnvironment_Runs()
    {
        using var harness = new BuildHarness();
        harness.Environment["RUNWAY_RELEASE_VERSION"] = "2.4.0";
        var build = new RequiringBuild();

        harness.Run(() => build, "Deploy").ShouldBe(0);

        build.Ran.ShouldBe(["Default", "Deploy"]);
    }

    [Fact]
    public void Requires_OnATargetNotScheduled_IsNotChecked()
    {
        using var harness = new BuildHarness();
        var build = new RequiringBuild();

        harness.Run(() => build, "Default").ShouldBe(0);
    }
}
