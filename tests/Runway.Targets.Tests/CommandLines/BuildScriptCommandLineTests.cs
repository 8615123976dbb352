using Runway.Targets.Tests.Support;
using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.CommandLines;

/// <summary>
/// Issue 9 rule 1 end to end: Runway's own build through its bootstrap scripts, planning only (nothing is
/// deployed), against a throwaway root. Deploy's plan contains Canary; Rollback's does not.
/// </summary>
[Collection(BuildScriptCollection.Name)]
public sealed class BuildScriptCommandLineTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("runway-cli-").FullName;

    public BuildScriptCommandLineTests() => Directory.CreateDirectory(Path.Combine(_root, ".nuke"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    public static IEnumerable<object[]> Scripts => BuildScript.Available();

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task Plan_FollowedByRollback_PlansRollbackNotDeploy(string script)
    {
        var run = await BuildScript.RunAsync(script, null, "--plan", "Rollback", "--root", _root);

        run.ExitCode.ShouldBe(0, run.Output);
        run.StandardOutput.ShouldContain("Execution plan for Rollback:");
        run.StandardOutput.ShouldNotContain("Canary");
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task NoLogo_FollowedByRollback_TakesRollbackAsTheTarget(string script)
    {
        var run = await BuildScript.RunAsync(script, null, "--no-logo", "Rollback", "--plan", "--root", _root);

        run.ExitCode.ShouldBe(0, run.Output);
        run.StandardOutput.ShouldContain("Execution plan for Rollback:");
        run.StandardOutput.ShouldNotContain("Deploy");
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task ValueOption_FollowedByATarget_FailsOnStandardError(string script)
    {
        var run = await BuildScript.RunAsync(script, null, "--version", "Rollback", "--root", _root);

        run.ExitCode.ShouldBe(2, run.Output);
        run.StandardError.ShouldContain("--version was followed by 'Rollback', which is a target");
        run.StandardOutput.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task MisspeltVariable_FailsWithTheNearestName(string script)
    {
        var run = await BuildScript.RunAsync(script, new Dictionary<string, string> { ["RUNWAY_VERSON"] = "1.3.0" }, "--plan", "--root", _root);

        run.ExitCode.ShouldBe(2, run.Output);
        run.StandardError.ShouldContain("Unknown environment variable RUNWAY_VERSON");
        run.StandardError.ShouldContain("RUNWAY_VERSION");
    }
}
