using Runway.Targets.Tests.Support;
using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.Nuke;

/// <summary>Issue 14 rule 1: where Runway uses Nuke's name, it behaves as Nuke's documentation says.</summary>
public sealed class NukeSemanticsTests
{
    private sealed class NukeLikeBuild : RecordingBuild
    {
        [Parameter("Publish for real")]
        public bool Publish { get; set; }

        [Parameter("The feed's key"), Required]
        public string? NuGetApiKey { get; set; }

        public Target Restore => _ => _.Executes(Record("Restore"));
        public Target Compile => _ => _.DependsOn(Restore).Executes(Record("Compile"));
        public Target Pack => _ => _.DependsOn(Compile).OnlyWhenStatic(() => false).Executes(Record("Pack"));
        public Target Push => _ => _.DependsOn(Compile).Requires(() => Publish).Executes(Record("Push"));
        public Target Server => _ => _.Requires(() => IsServerBuild).Executes(Record("Server"));
        public Target Where => _ => _.Executes(() => Ran.Add(IsLocalBuild ? "local" : "server"));
    }

    private static (int Exit, NukeLikeBuild Build, BuildHarness Harness) Run(Dictionary<string, string>? environment, params string[] args)
    {
        var harness = new BuildHarness();
        foreach (var (name, value) in environment ?? []) harness.Environment[name] = value;
        NukeLikeBuild? build = null;
        var exit = harness.Run(() => build = new NukeLikeBuild(), [.. args, "--nuget-api-key", "k"]);
        return (exit, build!, harness);
    }

    [Fact]
    public void WhenSkipped_ByDefault_SkipsTheDependenciesOfAStaticallySkippedTarget()
    {
        var (exit, build, harness) = Run(null, "Pack");
        using var _ = harness;

        exit.ShouldBe(0);
        build.Ran.ShouldBeEmpty();
        harness.Output.ShouldContain("Skipped (dependency of skipped Pack)");
    }

    [Fact]
    public void Requires_BooleanFalse_FailsBeforeAnythingRunsNamingTheExpression()
    {
        var (exit, build, harness) = Run(null, "Push");
        using var _ = harness;

        exit.ShouldBe(2);
        build.Ran.ShouldBeEmpty();
        harness.StandardError.ShouldContain("Push requires Publish, which is false");
    }

    [Fact]
    public void Requires_BooleanTrue_Runs()
    {
        var (exit, build, harness) = Run(null, "Push", "--publish");
        using var _ = harness;

        exit.ShouldBe(0, harness.Output);
        build.Ran.ShouldBe(["Restore", "Compile", "Push"]);
    }

    [Fact]
    public void Required_ParameterMissing_FailsEveryTargetNamingHowToSetIt()
    {
        using var harness = new BuildHarness();
        var build = new NukeLikeBuild();

        harness.Run(() => build, "Restore").ShouldBe(2);

        build.Ran.ShouldBeEmpty();
        harness.StandardError.ShouldContain("parameter NuGetApiKey is [Required] but not set. Pass --nuget-api-key <value>, set RUNWAY_NUGET_API_KEY");
    }

    [Fact]
    public void IsServerBuild_InCi_IsTrueAndIsLocalBuildFalse()
    {
        var (_, server, h1) = Run(new() { ["GITHUB_ACTIONS"] = "true" }, "Where", "Server");
        var (_, local, h2) = Run(null, "Where");
        using var _1 = h1;
        using var _2 = h2;

        server.Ran.ShouldBe(["server", "Server"], ignoreOrder: true);
        local.Ran.ShouldBe(["local"]);
    }

    [Fact]
    public void GitHubActions_EachTargetIsALogGroup()
    {
        var (exit, _, harness) = Run(new() { ["GITHUB_ACTIONS"] = "true" }, "Compile");
        using var _ = harness;

        exit.ShouldBe(0);
        harness.StandardOutput.ShouldContain("::group::Restore\n");
        harness.StandardOutput.ShouldContain("::endgroup::\n::group::Compile\n");
        harness.StandardOutput.IndexOf("::endgroup::", harness.StandardOutput.LastIndexOf("::group::Compile", StringComparison.Ordinal), StringComparison.Ordinal)
            .ShouldBeLessThan(harness.StandardOutput.IndexOf("Target", harness.StandardOutput.LastIndexOf("::group::Compile", StringComparison.Ordinal), StringComparison.Ordinal));
    }

    [Fact]
    public void GitHubActions_Off_NoGroups()
    {
        var (_, _, harness) = Run(null, "Compile");
        using var _ = harness;

        harness.Output.ShouldNotContain("::group::");
    }

    [Fact]
    public void Root_WithoutAValue_IsTheWorkingDirectory()
    {
        var (exit, build, harness) = Run(null, "Restore", "--root");
        using var _ = harness;

        exit.ShouldBe(0, harness.Output);
        build.RootDirectory.ShouldBe(harness.Root);
    }
}
