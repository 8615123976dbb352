using System.Text.Json.Nodes;
using Runway.Processes;
using Runway.Service.Init;
using Runway.Testing;
using Runway.Tests.EndToEnd.Support;
using Shouldly;
using Xunit;

namespace Runway.Tests.Adoption;

/// <summary>
/// A file the deployment reads (checklist, service contract, smoke probes, migrations) that is not where its parameter
/// points is refused through <c>./build.sh</c> before anything starts, naming the parameter, where its value came from,
/// and the fix.
/// </summary>
public sealed class DeployFilesTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("runway-deploy-files-").FullName;

    [Fact]
    public async Task AChecklistPathFromTheCommandLine_ThatDoesNotExist_IsRefusedNamingItsSourceAndTheFix()
    {
        await AdoptAsync();

        var run = await BuildAsync("Checklist", "--version", "1.0.0", "--checklist-file", "deploy/checklists.md");

        run.ShouldFail("a checklist that is not there");
        run.ShouldSay("--checklist-file is deploy/checklists.md (from --checklist-file on the command line)", "the input and its source");
        run.ShouldSay("./build.sh Init", "the fix");
        Directory.Exists(Path.Combine(_root, ".nuke", "temp", "postgres")).ShouldBeFalse("nothing started");
    }

    // A path the profile sets (the smoke probes), and Init's own placeholder service project, not yet pointed at the team's.
    [Theory]
    [InlineData("Deploy", "SmokeFile", "smoke-file", "deploy/smoke-probes.json", true)]
    [InlineData("Checklist", "ServiceProject", "service-project", "src/YourService/YourService.csproj", false)]
    public async Task APathFromTheProfile_ThatDoesNotExist_IsRefusedNamingTheProfileFileBeforeAnythingStarts(
        string target, string parameter, string option, string path, bool setByTheTest)
    {
        await AdoptAsync(setByTheTest ? [(parameter, path)] : []);

        var run = await BuildAsync(target, "--version", "1.0.0");

        run.ShouldFail($"{parameter} {path}, which is not there");
        run.ShouldSay($"--{option} is {path} (from {parameter} in .nuke/parameters.local.json)", "the input and its source");
        Directory.Exists(Path.Combine(_root, ".nuke", "temp", "postgres")).ShouldBeFalse("nothing started");
    }

    [Fact]
    public async Task NoServiceProjectForTheLocalRuntime_IsRefused_NotTheSamplesTakenInstead()
    {
        await AdoptAsync(("ServiceProject", null));

        var run = await BuildAsync("Checklist", "--version", "1.0.0");

        run.ShouldFail("a local runtime with no service project");
        run.ShouldSay("--service-project is not set (from the default)", "no sample project as a default");
        run.Output.ShouldNotContain("Runway.Sample");
    }

    // An Init'ed repository (profile local) on free ports, so that a run that wrongly went on would start nothing of anyone else's.
    private async Task AdoptAsync(params (string Name, string? Value)[] local)
    {
        RepositoryInit.Write(_root, "local", "local");
        var ports = LocalPorts.Free();
        var shared = new JsonObject
        {
            ["PostgresPort"] = ports.Postgres, ["RouterPort"] = ports.Router, ["RouterAdminPort"] = ports.RouterAdmin,
            ["StagingRouterPort"] = ports.StagingRouter, ["StagingRouterAdminPort"] = ports.StagingRouterAdmin,
        };
        await File.WriteAllTextAsync(Path.Combine(_root, ".nuke", "parameters.json"), shared.ToJsonString());
        var profilePath = Path.Combine(_root, ".nuke", "parameters.local.json");
        var profile = JsonNode.Parse(await File.ReadAllTextAsync(profilePath))!.AsObject();
        foreach (var (name, value) in local)
        {
            if (value is null) profile.Remove(name);
            else profile[name] = value;
        }
        await File.WriteAllTextAsync(profilePath, profile.ToJsonString());
    }

    private async Task<BuildRun> BuildAsync(params string[] arguments)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var result = await ProcessRunner.RunAsync(
            new ProcessSpec(Path.Combine(RepositoryRoot.Path, "build.sh"), [.. arguments, "--root", _root, "--no-logo"])
            {
                WorkingDirectory = _root,
                Environment = new Dictionary<string, string> { ["CI"] = "true" },
            }, timeout.Token);
        return new BuildRun(string.Join(' ', arguments), result.ExitCode, result.StandardOutput + result.StandardError);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // xUnit 2 calls IAsyncLifetime, not IAsyncDisposable, on a test class.
    public async Task DisposeAsync()
    {
        // A run that wrongly went on started the local cluster: stop it before deleting its folder.
        if (Directory.Exists(Path.Combine(_root, ".nuke", "temp", "postgres")))
            await BuildAsync("Down", "--force", "--checklist-file", "deploy/checklist.md", "--smoke-file", "deploy/smoke.json",
                "--service-project", Path.Combine(RepositoryRoot.Path, "src", "Runway.Sample", "Runway.Sample.csproj"));
        Directory.Delete(_root, recursive: true);
    }
}
