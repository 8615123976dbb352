using Runway.Targets.Tests.Support;
using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.CommandLines;

/// <summary>Issue 9 rule 1: a flag never swallows a target, and the default target runs only when none is named.</summary>
public sealed class TargetSelectionTests
{
    private sealed class OnCallBuild : RecordingBuild
    {
        [Parameter("The release")]
        public string? Version { get; set; }

        [Parameter("Do nothing for real")]
        public bool DryRun { get; set; }

        public Target Default => _ => _.Executes(Record("Default"));
        public Target Deploy => _ => _.Executes(Record("Deploy"));
        public Target Rollback => _ => _.Executes(Record("Rollback"));
    }

    private static (int Exit, OnCallBuild Build, string Output) Run(params string[] args) => RunWith([], args);

    private static (int Exit, OnCallBuild Build, string Output) RunWith(Dictionary<string, string> environment, params string[] args)
    {
        using var harness = new BuildHarness();
        foreach (var (name, value) in environment) harness.Environment[name] = value;
        var build = new OnCallBuild();
        var exit = harness.Run(() => build, args);
        return (exit, build, harness.Output);
    }

    [Theory]
    [InlineData("--no-logo", "Rollback")]
    [InlineData("--dry-run", "Rollback")]
    [InlineData("--dry-run", "true", "Rollback")]
    [InlineData("--no-logo", "--dry-run", "false", "Rollback")]
    [InlineData("--target", "Rollback")]
    public void Run_TargetAfterAFlag_RunsThatTargetAndNotTheDefault(params string[] args)
    {
        var (exit, build, output) = Run(args);

        exit.ShouldBe(0, output);
        build.Ran.ShouldBe(["Rollback"]);
    }

    [Fact]
    public void Run_FlagWithExplicitFalse_TakesFalse()
    {
        var (exit, build, _) = Run("Deploy", "--dry-run", "false");

        exit.ShouldBe(0);
        build.DryRun.ShouldBeFalse();
    }

    [Fact]
    public void Run_NoLogoFalse_ShowsTheLogo()
    {
        Run("Deploy", "--no-logo", "false").Output.ShouldStartWith("▶ Runway");
    }

    [Fact]
    public void Run_ValueOptionFollowedByATargetName_FailsSayingSo()
    {
        var (exit, build, output) = Run("--version", "Rollback");

        exit.ShouldBe(2);
        build.Ran.ShouldBeEmpty();
        output.ShouldContain("--version was followed by 'Rollback', which is a target");
        output.ShouldContain("./build.sh Rollback --version <value>");
    }

    [Fact]
    public void Run_ValueOptionGivenATargetNameWithEquals_TakesItAsTheValue()
    {
        var (exit, build, _) = Run("Deploy", "--version=Rollback");

        exit.ShouldBe(0);
        build.Version.ShouldBe("Rollback");
        build.Ran.ShouldBe(["Deploy"]);
    }

    [Fact]
    public void Run_WordAfterAFlagThatIsNoTarget_FailsWithTheNearestNames()
    {
        var (exit, build, output) = Run("--dry-run", "Rollbak");

        exit.ShouldBe(2);
        build.Ran.ShouldBeEmpty();
        output.ShouldContain("Target 'Rollbak' is not defined");
        output.ShouldContain("Did you mean Rollback?");
        output.ShouldContain("--dry-run takes only true or false");
    }

    [Fact]
    public void Run_NoTargetNamed_RunsTheDefault()
    {
        Run("--no-logo").Build.Ran.ShouldBe(["Default"]);
    }

    [Fact]
    public void Run_PlanFollowedByATarget_PlansThatTarget()
    {
        var (exit, build, output) = Run("--plan", "Rollback");

        exit.ShouldBe(0);
        build.Ran.ShouldBeEmpty();
        output.ShouldContain("Rollback");
        output.ShouldNotContain("Default");
    }

    [Fact]
    public void Run_MisspeltRunwayVariable_FailsWithTheNearestNames()
    {
        var (exit, build, output) = RunWith(new() { ["RUNWAY_VERSON"] = "1.3.0" }, "Deploy");

        exit.ShouldBe(2);
        build.Ran.ShouldBeEmpty();
        output.ShouldContain("Unknown environment variable RUNWAY_VERSON");
        output.ShouldContain("Did you mean RUNWAY_VERSION?");
    }

    [Fact]
    public void Run_UnrelatedVariables_AreIgnored()
    {
        RunWith(new() { ["VERSON"] = "1.3.0", ["PATH"] = "/bin" }, "Deploy").Exit.ShouldBe(0);
    }
}
