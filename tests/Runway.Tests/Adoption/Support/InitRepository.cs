using System.Text.Json.Nodes;
using Runway.Processes;
using Runway.Service.Init;
using Runway.Testing;
using Runway.Tests.EndToEnd.Support;

namespace Runway.Tests.Adoption.Support;

/// <summary>
/// A throwaway repository adopted with <c>Init</c> (profile local) on free ports, pointed at the sample service, that
/// runs this repository's <c>./build.sh</c> with <c>--root</c>: for bad-input cases that must be refused before anything
/// starts, so a run that wrongly goes on starts nothing of anyone else's.
/// </summary>
public sealed class InitRepository : IAsyncDisposable
{
    private InitRepository(string root) => Root = root;

    /// <summary>The repository's folder.</summary>
    public string Root { get; }

    /// <summary>True when a run started the local PostgreSQL cluster (it should not have, for refused input).</summary>
    public bool ClusterCreated => Directory.Exists(Path(".nuke", "temp", "postgres"));

    /// <summary>Writes Init's files and a machine profile of free ports.</summary>
    public static async Task<InitRepository> CreateAsync()
    {
        var repository = new InitRepository(Directory.CreateTempSubdirectory("runway-init-repo-").FullName);
        RepositoryInit.Write(repository.Root, "local", "local");
        var ports = LocalPorts.Free();
        var shared = new JsonObject
        {
            ["PostgresPort"] = ports.Postgres, ["RouterPort"] = ports.Router, ["RouterAdminPort"] = ports.RouterAdmin,
            ["StagingRouterPort"] = ports.StagingRouter, ["StagingRouterAdminPort"] = ports.StagingRouterAdmin,
        };
        await File.WriteAllTextAsync(repository.Path(".nuke", "parameters.json"), shared.ToJsonString());
        // Init's placeholder project is the team's to replace; the sample stands in for it.
        var profilePath = repository.Path(".nuke", "parameters.local.json");
        var profile = JsonNode.Parse(await File.ReadAllTextAsync(profilePath))!.AsObject();
        profile["ServiceProject"] = SampleProject;
        await File.WriteAllTextAsync(profilePath, profile.ToJsonString());
        return repository;
    }

    /// <summary>The absolute path of <paramref name="parts"/> under the repository.</summary>
    public string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>Writes <paramref name="text"/> to the file at <paramref name="relative"/>, creating its folder.</summary>
    public async Task WriteAsync(string relative, string text)
    {
        var path = Path(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, text);
    }

    /// <summary>Runs <c>./build.sh</c> with <paramref name="arguments"/> in the repository (as CI: no questions).</summary>
    public async Task<BuildRun> BuildAsync(params string[] arguments)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var result = await ProcessRunner.RunAsync(
            new ProcessSpec(System.IO.Path.Combine(RepositoryRoot.Path, "build.sh"), [.. arguments, "--root", Root, "--no-logo"])
            {
                WorkingDirectory = Root,
                Environment = new Dictionary<string, string> { ["CI"] = "true" },
            }, timeout.Token);
        return new BuildRun(string.Join(' ', arguments), result.ExitCode, result.StandardOutput + result.StandardError);
    }

    /// <summary>Stops a cluster a wrongly continued run started, then deletes the repository.</summary>
    public async ValueTask DisposeAsync()
    {
        if (ClusterCreated)
            await BuildAsync("Down", "--force");
        Directory.Delete(Root, recursive: true);
    }

    private static string SampleProject => System.IO.Path.Combine(RepositoryRoot.Path, "src", "Runway.Sample", "Runway.Sample.csproj");
}
