using Runway.Tests.EndToEnd.Support;
using Shouldly;
using Xunit;

namespace Runway.Tests.EndToEnd;

/// <summary>
/// Issue 14 rule 7: a local Deploy through build.ps1 (PowerShell, installed by .ci/run as a .NET tool) deploys as
/// build.sh does, in its own adopting repository on free ports; a Ctrl+C-free, full run.
/// </summary>
[Collection("end-to-end")]
public sealed class PowerShellDeployTests : IAsyncLifetime
{
    private static readonly string? Pwsh = new[] { Environment.GetEnvironmentVariable("PATH") ?? "", Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools") }
        .SelectMany(path => path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        .Select(folder => Path.Combine(folder, "pwsh"))
        .FirstOrDefault(File.Exists);

    private AdoptingRepository _repository = null!;

    public async Task InitializeAsync() => _repository = await AdoptingRepository.CreateAsync("pwsh");

    public async Task DisposeAsync() => await _repository.DisposeAsync();

    [Fact]
    public async Task Deploy_ThroughBuildPs1_DeploysTheRelease()
    {
        Pwsh.ShouldNotBeNull("PowerShell is not installed: `dotnet tool install --global PowerShell --version 7.6.9` (.ci/run does it)");

        (await _repository.RunThroughPowerShellAsync(Pwsh, "Deploy")).ShouldSucceed("Deploy through build.ps1");

        var answers = await _repository.AskRouterAsync(5);
        answers.ShouldAllBe(a => a.Status == 200 && a.Release == "1.0.0");
        (await _repository.RunThroughPowerShellAsync(Pwsh, "--plan", "Rollback")).ShouldSucceed("--plan Rollback through build.ps1")
            .ShouldSay("Execution plan for Rollback:", "--plan Rollback");
    }
}
