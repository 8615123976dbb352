using Runway.Bench.Faults;
using Runway.Bench.Rollout;
using Runway.Load;
using Runway.Smoke;
using Serilog.Core;

// Usage: bench/faults/run.sh [--lease 5] [--load-rate 40] [--keep-root]
var lease = double.Parse(Option("--lease", "5"), System.Globalization.CultureInfo.InvariantCulture);
var settings = BenchSettings.Parse(args); // the mid-bake runs ask for a 5 min bake themselves
var repository = FindRepository();
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };
var loadBefore = LoadAverage();
var root = new BenchRoot(repository, settings);
var logFile = Path.Combine(Path.GetTempPath(), Path.GetFileName(root.Directory) + "-faults.log");
var build = new BuildInvoker(repository, root.Directory, logFile);
var figures = new FaultFigures();
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
Console.WriteLine($"Root {root.Directory}, router {root.RouterUrl}, run log {logFile}");
try
{
    await root.CreateAsync(build, cancellation.Token);
    var cold = await build.RunAsync("Deploy 1.0.0 (cold)", ["Deploy", "--version", "1.0.0"], cancellation.Token);
    if (cold.ExitCode != 0) throw new InvalidOperationException("The first Deploy failed; see the run log.");
    await UnderLoadAsync(new FaultScenario(repository, root, build, http, figures, logFile, lease));
}
catch (Exception error)
{
    figures.StoppedEarly = true;
    figures.Problems.Add($"The scenario stopped early: {error.Message}");
    Console.Error.WriteLine(error);
}
finally
{
    await build.RunAsync("Down", ["Down", "--force"], CancellationToken.None);
    if (!settings.KeepRoot) root.Delete();
}

var report = new FaultReport(figures, $"bench/faults/run.sh --lease {lease} --load-rate {settings.LoadRate}", loadBefore, LoadAverage());
Console.WriteLine();
Console.WriteLine(report.Markdown());
if (!figures.StoppedEarly) report.WriteResults(Path.Combine(repository, "bench", "RESULTS.md"));
return figures.Problems.Count == 0 ? 0 : 1;

async Task UnderLoadAsync(FaultScenario scenario)
{
    var key = File.ReadAllText(Path.Combine(root.TemporaryDirectory, "sample-signing.key")).Trim();
    var load = new LoadGenerator(http, new LoadOptions
    {
        Target = new Uri(root.RouterUrl),
        Token = SampleToken.Create(key, "runway-bench-faults", TimeSpan.FromHours(2), TimeProvider.System),
        RequestsPerSecond = settings.LoadRate,
        Concurrency = 16,
        Duration = TimeSpan.FromHours(1),
    }, TimeProvider.System, Logger.None);
    var watch = new ReleaseWatch(http, root.RouterUrl);
    using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation.Token);
    var running = Task.WhenAll(load.RunAsync(stop.Token), watch.RunAsync(stop.Token));
    try
    {
        await Task.Delay(TimeSpan.FromSeconds(2), cancellation.Token);
        await scenario.RunAsync(load, watch, cancellation.Token);
    }
    finally
    {
        await stop.CancelAsync();
        await running;
    }
}

string Option(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}

static string FindRepository()
{
    for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        if (File.Exists(Path.Combine(directory.FullName, "Runway.slnx"))) return directory.FullName;
    throw new InvalidOperationException("Run the bench from inside the Runway repository (no Runway.slnx found above the current directory).");
}

static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
