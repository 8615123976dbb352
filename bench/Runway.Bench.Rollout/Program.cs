using Runway.Bench.Rollout;
using Runway.Database;
using Runway.Load;
using Runway.Service;
using Runway.Smoke;
using Serilog.Core;

// Usage: dotnet run -c Release --project bench/Runway.Bench.Rollout -- [--load-rate 40] [--bake-time 10s] [--analysis-interval 2s] [--min-requests 30] [--replicas 2] [--max-latency-increase 1.2] [--keep-root]
var settings = BenchSettings.Parse(args);
var repository = Repository.Find();
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };
var loadBefore = Repository.LoadAverage();
var root = new BenchRoot(repository, settings);
var logFile = Path.Combine(Path.GetTempPath(), Path.GetFileName(root.Directory) + ".log");
// --router haproxy: the same story through the haproxy-prometheus example (its HAProxy, Prometheus and commands).
var example = settings.Router == "haproxy" ? new HAProxyExample(repository, root, settings) : null;
var build = new BuildInvoker(repository, root.Directory, logFile, example?.Variables, example is null ? [] :
    ["--profile", HAProxyExample.Profile, "--bake-time", settings.BakeTime, "--analysis-interval", settings.AnalysisInterval,
        "--min-requests", settings.MinRequests.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--max-latency-increase", settings.MaxLatencyIncrease.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
var figures = new Figures();
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
Console.WriteLine($"Root {root.Directory}, router {(example is null ? root.RouterUrl : "HAProxy")}, run log {logFile}");
try
{
    await root.CreateAsync(build, cancellation.Token);
    if (example is not null) await example.StartAsync(cancellation.Token);
    var ledger = new LedgerReader(example?.LedgerConnectionString ?? new LocalCluster(new LocalClusterOptions(Path.Combine(root.TemporaryDirectory, "postgres"), root.Ports.Postgres),
        PostgresBinaries.Default, Logger.None).ConnectionString("runway_ledger"));
    var scenario = new Scenario(root, build, ledger, http, figures, ViaHAProxy: example is not null);
    await scenario.ColdDeployAsync(cancellation.Token);
    await RunUnderLoadAsync(scenario);
}
catch (Exception error)
{
    figures.StoppedEarly = true;
    figures.Problems.Add($"The scenario stopped early: {error.Message}");
    Console.Error.WriteLine(error);
}
finally
{
    if (example is null) await build.RunAsync("Down", ["Down"], CancellationToken.None);
    else await example.StopAsync();
    if (!settings.KeepRoot) root.Delete();
}

var report = new RolloutReport(figures, settings, loadBefore, Repository.LoadAverage());
Console.WriteLine();
Console.WriteLine(report.Markdown());
// A run that stopped early leaves the recorded results alone: its figures would replace real ones with gaps.
if (!figures.StoppedEarly) report.WriteResults(Path.Combine(repository, "bench", "RESULTS.md"));
return figures.Problems.Count == 0 ? 0 : 1;

// The load and the release watch run for the whole measured part; both stop when it ends, however it ends.
async Task RunUnderLoadAsync(Scenario scenario)
{
    var contract = ServiceContractFile.Load(Path.Combine(repository, example is null ? Path.Combine("samples", "deploy", "service.json") : Path.Combine(HAProxyExample.Directory, "service.json")));
    var url = example?.HAProxyUrl ?? root.RouterUrl;
    var load = new LoadGenerator(http, new LoadOptions
    {
        Target = new Uri(url),
        Token = example is null
            ? SampleToken.Create(File.ReadAllText(Path.Combine(root.TemporaryDirectory, "sample-signing.key")).Trim(), "runway-bench-load", TimeSpan.FromHours(2), TimeProvider.System)
            : HAProxyExample.Token("runway-bench-load"),
        Request = contract.Request,
        ReleaseHeader = contract.ReleaseHeader,
        RequestsPerSecond = settings.LoadRate,
        Concurrency = 16,
        Duration = TimeSpan.FromHours(1),
    }, TimeProvider.System, Logger.None);
    var watch = new ReleaseWatch(http, url);
    using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation.Token);
    var running = Task.WhenAll(load.RunAsync(stop.Token), watch.RunAsync(stop.Token));
    try
    {
        await scenario.UnderLoadAsync(load, watch, cancellation.Token);
    }
    finally
    {
        await stop.CancelAsync();
        await running;
        var total = load.Snapshot();
        Console.WriteLine($"Load: {total.Requests} requests in {total.Elapsed.TotalSeconds:0} s, {total.Failures} failed, by status {string.Join(", ", total.ByStatus.Select(s => $"{s.Key}={s.Value}"))}");
    }
}

internal static class Repository
{
    /// <summary>The repository holding the current directory (where Runway.slnx is).</summary>
    public static string Find()
    {
        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Runway.slnx"))) return directory.FullName;
        throw new InvalidOperationException("Run the bench from inside the Runway repository (no Runway.slnx found above the current directory).");
    }

    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
