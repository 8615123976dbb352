using Runway.Targets.Tests.Support;
using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.Nuke;

/// <summary>
/// Issue 14 rule 2: a typical Nuke build, changed only in its using and base class, compiles against Runway.Targets
/// and gets the plans Nuke's documentation describes.
/// </summary>
public sealed class TypicalNukeBuildTests
{
    private static (int Exit, List<string> Executed, BuildHarness Harness) Run(bool server, params string[] args)
    {
        var harness = new BuildHarness { DefaultTargets = ["Compile"] };
        if (server) harness.Environment["GITHUB_ACTIONS"] = "true";
        TypicalNukeBuild? build = null;
        // Created inside the run, as Execute<T> does: IsLocalBuild in a parameter initialiser sees the run's environment.
        var exit = harness.Run(() => build = new TypicalNukeBuild(), args);
        return (exit, build!.Executed, harness);
    }

    [Fact]
    public void NoTargetNamed_RunsTheDefaultWithItsDependenciesAndTheTargetsDependentForIt()
    {
        var (exit, executed, harness) = Run(false);
        using var _ = harness;

        exit.ShouldBe(0, harness.Output);
        // DependsOn(Restore) and Lint's DependentFor(Compile): both before Compile; Clean is only ordered, not scheduled.
        executed.ShouldBe(["Restore", "Lint", "Compile"], ignoreOrder: true);
        executed[^1].ShouldBe("Compile");
    }

    [Fact]
    public void Before_OrdersOnlyWhenBothAreScheduled()
    {
        var (_, executed, harness) = Run(false, "Compile", "Clean");
        using var _ = harness;

        executed.IndexOf("Clean").ShouldBeLessThan(executed.IndexOf("Restore"));
    }

    [Fact]
    public void Release_OnAServer_RunsPushAfterPackAfterTestAndTriggersAnnounce()
    {
        var (exit, executed, harness) = Run(true, "Release", "--nuget-api-key", "key");
        using var _ = harness;

        exit.ShouldBe(0, harness.Output);
        // After(Test) puts Pack after Test; TriggeredBy(Test) runs Coverage; Triggers(Announce) runs Announce after Release.
        executed.ShouldBe(["Restore", "Lint", "Compile", "Test", "Coverage", "Pack", "Push", "Release", "Announce"], ignoreOrder: true);
        executed.IndexOf("Pack").ShouldBeGreaterThan(executed.IndexOf("Test"));
        executed.IndexOf("Announce").ShouldBeGreaterThan(executed.IndexOf("Release"));
    }

    [Fact]
    public void Push_LocallyWithoutKey_FailsBeforeAnythingRunsNamingBothRequirements()
    {
        var (exit, executed, harness) = Run(false, "Push");
        using var _ = harness;

        exit.ShouldBe(2);
        executed.ShouldBeEmpty();
        harness.StandardError.ShouldContain("Push requires parameter NuGetApiKey, which is not set. Pass --nuget-api-key <value>");
        harness.StandardError.ShouldContain("Push requires BuildConfiguration == Release, which is false.");
    }

    [Fact]
    public void StaticConditionFalse_SkipsTheDependenciesByDefault_UnlessWhenSkippedExecute()
    {
        var (_, site, h1) = Run(false, "Site");
        var (_, docs, h2) = Run(false, "Docs");
        using var _1 = h1;
        using var _2 = h2;

        site.ShouldBeEmpty();
        h1.Output.ShouldContain("Skipped (dependency of skipped Site)");
        docs.ShouldBe(["Restore", "Lint", "Compile"], ignoreOrder: true);
    }

    [Fact]
    public void TestFails_ProceedAfterFailureLetsUnrelatedTargetsGoOn_AndTheAssuredTargetRuns()
    {
        var (exit, executed, harness) = Run(true, "Test", "Report", "--break-tests");
        using var _ = harness;

        exit.ShouldBe(1);
        executed.ShouldContain("Test");
        executed.ShouldContain("Report");
        harness.Output.ShouldContain("Failed");
    }

    [Fact]
    public void Help_ListsTheTargetsButNotTheUnlistedOne()
    {
        var (_, _, harness) = Run(false, "--help");
        using var _ = harness;

        harness.Output.ShouldContain("Clean");
        harness.Output.ShouldContain("--nuget-api-key");
        harness.Output.ShouldNotContain("Lint");
    }
}
