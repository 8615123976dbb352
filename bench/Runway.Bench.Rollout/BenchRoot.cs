using Runway.Environments.Local;
using Runway.Processes;
using System.Text.Json.Nodes;

namespace Runway.Bench.Rollout;

/// <summary>Ports of an isolated root, all free when chosen (never the integrator's defaults).</summary>
internal sealed record RootPorts(int Router, int RouterAdmin, int StagingRouter, int StagingRouterAdmin, int Postgres)
{
    public static RootPorts Free() => new(LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free());
}

/// <summary>
/// An isolated adopting repository in a temporary folder: its own ports, parameters with short bakes, a copy of the
/// repository's deploy/ folder, committed (Preparation refuses a dirty tree). All Runway state lives in its .nuke/temp.
/// </summary>
internal sealed class BenchRoot(string repository, BenchSettings settings)
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "runway-bench-rollout-" + Guid.NewGuid().ToString("N")[..8]);

    public RootPorts Ports { get; } = RootPorts.Free();

    public string TemporaryDirectory => Path.Combine(Directory, ".nuke", "temp");

    public string RouterUrl => $"http://127.0.0.1:{Ports.Router}";

    public async Task CreateAsync(BuildInvoker build, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, ".nuke"));
        await File.WriteAllTextAsync(Path.Combine(Directory, ".gitignore"), ".nuke/temp/\n", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(Directory, ".nuke", "parameters.json"), Parameters().ToJsonString(new() { WriteIndented = true }), cancellationToken);
        CopyDirectory(Path.Combine(repository, "deploy"), Path.Combine(Directory, "deploy"));
        // The sample's own contract, probes, checklist and migrations (the local profile's, and the example's checklist and migrations).
        CopyDirectory(Path.Combine(repository, "samples"), Path.Combine(Directory, "samples"));
        if (settings.Router == "haproxy")
            File.Copy(Path.Combine(Directory, "deploy", "examples", "haproxy-prometheus", "parameters.haproxy-prometheus.json"), Path.Combine(Directory, ".nuke", "parameters.haproxy-prometheus.json"));
        await GitAsync(cancellationToken, "init", "-q");
        // The engine writes .nuke/build.schema.json on a run that plans targets (not on --help); it must be committed.
        await build.RunAsync("plan", ["--plan"], cancellationToken);
        await GitAsync(cancellationToken, "add", "-A");
        await GitAsync(cancellationToken, "-c", "user.name=bench", "-c", "user.email=bench@localhost", "commit", "-q", "-m", "Adopt Runway");
    }

    public void Delete()
    {
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
    }

    private JsonObject Parameters() => new()
    {
        ["Environment"] = "local",
        ["Version"] = "1.0.0",
        ["AutoRollback"] = true,
        ["WaiveSignOffs"] = "benchmark root: no people to sign off",
        ["RequiredEnvironmentVariables"] = new JsonArray("ConnectionStrings__Sample", "Sample__JwtSigningKey", "Sample__Release"),
        ["BakeTime"] = settings.BakeTime,
        ["AnalysisInterval"] = settings.AnalysisInterval,
        ["MinRequests"] = settings.MinRequests,
        // A canary's fresh processes on two busy cores answer their first requests slower, and the median read from
        // histogram buckets jumps 2.5 ms → 7.5 ms (ratio 3): the default 1.2 failed a healthy canary here. This bench
        // measures rollout mechanics and error-rate detection, so the latency gate is loosened (stated in the results).
        ["MaxLatencyIncrease"] = settings.MaxLatencyIncrease,
        ["SyntheticLoad"] = true,
        ["LoadRate"] = 60,
        ["Replicas"] = settings.Replicas,
        ["RouterPort"] = Ports.Router,
        ["RouterAdminPort"] = Ports.RouterAdmin,
        ["StagingRouterPort"] = Ports.StagingRouter,
        ["StagingRouterAdminPort"] = Ports.StagingRouterAdmin,
        ["PostgresPort"] = Ports.Postgres,
        ["ServiceProject"] = Path.Combine(repository, "src", "Runway.Sample", "Runway.Sample.csproj"),
        ["ServiceFile"] = "samples/deploy/service.json",
        ["SmokeFile"] = "samples/deploy/smoke.json",
        ["ChecklistFile"] = "samples/deploy/checklist.md",
        ["MigrationsDirectory"] = "samples/deploy/migrations",
        ["RouterProject"] = Path.Combine(repository, "src", "Runway.Router", "Runway.Router.csproj"),
    };

    private async Task GitAsync(CancellationToken cancellationToken, params string[] arguments) =>
        (await ProcessRunner.RunAsync(new ProcessSpec("git", arguments) { WorkingDirectory = Directory }, cancellationToken)).EnsureSuccess();

    private static void CopyDirectory(string source, string target)
    {
        foreach (var directory in System.IO.Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
            System.IO.Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(source, directory)));
        System.IO.Directory.CreateDirectory(target);
        foreach (var file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(target, Path.GetRelativePath(source, file)));
    }
}
