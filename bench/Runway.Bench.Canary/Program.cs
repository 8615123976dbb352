using System.Diagnostics;
using System.Globalization;
using Runway.Bench.Canary;

// Usage: dotnet run -c Release --project bench/Runway.Bench.Canary -- [--healthy 10000] [--detect 2000] [--seed 1] [--fresh-baseline]
var healthy = Option(args, "--healthy", 10_000);
Scenario.FreshBaseline = args.Contains("--fresh-baseline");
var detect = Option(args, "--detect", 2_000);
var seed = Option(args, "--seed", 1);
var clock = Stopwatch.StartNew();
double[] rates = [1, 10, 100];
Console.WriteLine(Invariant($"Canary judge, simulated: {Scenario.Looks} looks of {Scenario.Interval.TotalMinutes:0} min, {Scenario.CanaryShare:P0} of traffic to the canary, Poisson traffic, lognormal latency (σ = {Scenario.Sigma}) in the sample's buckets."));
Console.WriteLine(Scenario.FreshBaseline
    ? Invariant($"Baseline: a fresh pool with the canary's {Scenario.CanaryShare:P0} (counters from zero) for latency; it and the live pool ({1 - 2 * Scenario.CanaryShare:P0}) for errors.")
    : Invariant($"Baseline: the live pool with the other {1 - Scenario.CanaryShare:P0} (counters from an hour of earlier traffic)."));
Console.WriteLine(Invariant($"v1 = the previous rule (α 0.05 at every look); v2 = CanaryBake now (α 0.01 per metric, HSD γ −4). {healthy} healthy bakes per cell, {detect} per detection cell, seed {seed}."));
Console.WriteLine();
Console.WriteLine("False positives (healthy canary), thresholds on | off:");
Console.WriteLine("| req/s | errors | median | v1 on | v2 on | v1 off | v2 off | v2 α 0.025 on | v2 α 0.025 off |");
Console.WriteLine("|---:|---:|---|---:|---:|---:|---:|---:|---:|");
var cell = 0;
foreach (var rate in rates)
foreach (var errors in new[] { 0, 0.001, 0.01, 0.05 })
foreach (var (median, where) in new[] { (0.05, "on 50 ms bound"), (0.035, "35 ms, off bounds") })
{
    var scenario = new Scenario(rate, errors, errors, median, median);
    var t = await Grid.RunAsync(scenario, healthy, seed * 1000 + cell++);
    Console.WriteLine(Invariant($"| {rate} | {errors:P1} | {where} | {t.V1On.Rate:P2} | {t.V2On.Rate:P2} | {t.V1Off.Rate:P2} | {t.V2Off.Rate:P2} | {t.V2WiderOn.Rate:P2} | {t.V2WiderOff.Rate:P2} |"));
}

Console.WriteLine();
Console.WriteLine("Detection (thresholds on; base 1 % errors, median 35 ms): rate, median look of the failed bakes:");
Console.WriteLine("| change | req/s | v1 caught | v1 look | v2 caught | v2 look | v2 α 0.025 caught | look |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
var changes = new (string Name, Func<double, Scenario> Of)[]
{
    ("+1 point errors", r => new Scenario(r, 0.01, 0.02, 0.035, 0.035)),
    ("+2 points errors", r => new Scenario(r, 0.01, 0.03, 0.035, 0.035)),
    ("+5 points errors", r => new Scenario(r, 0.01, 0.06, 0.035, 0.035)),
    ("+20 points errors", r => new Scenario(r, 0.01, 0.21, 0.035, 0.035)),
    ("latency ×1.1", r => new Scenario(r, 0.01, 0.01, 0.035, 0.0385)),
    ("latency ×1.3", r => new Scenario(r, 0.01, 0.01, 0.035, 0.0455)),
    ("latency ×2", r => new Scenario(r, 0.01, 0.01, 0.035, 0.07)),
};
foreach (var (name, of) in changes)
foreach (var rate in rates)
{
    var t = await Grid.RunAsync(of(rate), detect, seed * 1000 + cell++);
    Console.WriteLine(Invariant($"| {name} | {rate} | {t.V1On.Rate:P1} | {Look(t.V1On)} | {t.V2On.Rate:P1} | {Look(t.V2On)} | {t.V2WiderOn.Rate:P1} | {Look(t.V2WiderOn)} |"));
}

Console.WriteLine();
Console.WriteLine(Invariant($"Ran in {clock.Elapsed.TotalSeconds:0} s on {Environment.ProcessorCount} cores."));

static string Look(Tally tally) => tally.MedianLook is { } look ? Invariant($"{look:0.#}") : "–";

static int Option(string[] args, string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
