using Runway.Testing;
using Shouldly;
using Xunit;

namespace Runway.Tests.BuildProject;

/// <summary>Issue 14 rule 6: `./build.sh Test` fails when any `dotnet test` fails or a test project reports nothing.</summary>
public sealed class TestTargetTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("runway-test-target-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Run_AProjectThatReportsNothing_FailsAlthoughTheOthersPassed()
    {
        // A real test project that passes (this one, already built) beside one whose test host has nothing to run.
        var passing = Path.Combine(RepositoryRoot.Path, "tests", "Runway.Tests", "Runway.Tests.csproj");
        var silent = Path.Combine(_folder, "Silent", "Silent.csproj");
        Directory.CreateDirectory(Path.GetDirectoryName(silent)!);
        await File.WriteAllTextAsync(silent, """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><IsTestProject>true</IsTestProject></PropertyGroup>
            </Project>
            """);
        var solution = Path.Combine(_folder, "Two.slnx");
        await File.WriteAllTextAsync(solution, $"""<Solution><Project Path="{passing}" /><Project Path="{silent}" /></Solution>""");
        var projects = TestProjects.In(solution);
        var summary = new TestSummary([.. projects.Select(p => p.Name)]);

        // As the Test target runs them: the long pole alone, beside the others one after another.
        await Task.WhenAll(projects.Select(project => Dotnet.TestEachAsync(_folder, [project], summary, Serilog.Core.Logger.None,
            CancellationToken.None, "--filter", $"FullyQualifiedName~{nameof(TestSummaryTests)}")));

        summary.Passed.ShouldBeGreaterThan(0);
        var error = Should.Throw<InvalidOperationException>(summary.EnsureSuccess);
        error.Message.ShouldContain("exited with code 1");
        error.Message.ShouldContain("1 of 2 test projects reported results; none from Silent");
    }
}

public sealed class TestSummaryTests
{
    private const string PassingLine = "Passed!  - Failed:     0, Passed:    10, Skipped:     0, Total:    10, Duration: 201 ms - Runway.Targets.Tests.dll (net10.0)";

    [Fact]
    public void EnsureSuccess_EveryProjectPassedAndExitZero_Succeeds()
    {
        var summary = new TestSummary(["Runway.Targets.Tests"]);
        summary.Read(PassingLine);
        summary.Finish(0);

        summary.EnsureSuccess();
        summary.ToString().ShouldBe("10 passed, 0 failed");
    }

    [Fact]
    public void EnsureSuccess_NonZeroExitWithPassingLines_Fails()
    {
        var summary = new TestSummary(["Runway.Targets.Tests"]);
        summary.Read(PassingLine);
        summary.Finish(134);

        Should.Throw<InvalidOperationException>(summary.EnsureSuccess).Message.ShouldContain("`dotnet test` exited with code 134");
    }

    [Fact]
    public void EnsureSuccess_OneRunExitedNonZero_ALaterRunsZeroDoesNotHideIt()
    {
        var summary = new TestSummary(["Runway.Targets.Tests"]);
        summary.Read(PassingLine);
        summary.Finish(1);
        summary.Finish(0);

        Should.Throw<InvalidOperationException>(summary.EnsureSuccess).Message.ShouldContain("`dotnet test` exited with code 1");
    }

    [Fact]
    public void EnsureSuccess_FewerProjectsThanExist_FailsNamingTheSilentOnes()
    {
        var summary = new TestSummary(["Runway.Targets.Tests", "Runway.Tests", "Runway.Router.Tests"]);
        summary.Read(PassingLine);
        summary.Finish(0);

        Should.Throw<InvalidOperationException>(summary.EnsureSuccess).Message
            .ShouldContain("1 of 3 test projects reported results; none from Runway.Router.Tests, Runway.Tests");
    }

    [Fact]
    public void In_TheRepositorySolution_ListsEveryTestProject()
    {
        TestProjects.In(Path.Combine(RepositoryRoot.Path, "Runway.slnx")).Select(p => p.Name)
            .ShouldBe(["Runway.Router.Tests", "Runway.Sample.Tests", "Runway.Targets.Tests", "Runway.Tests"], ignoreOrder: true);
    }
}
