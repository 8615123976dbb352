using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Runway.Environments.Local;
using Runway.Load;

namespace Runway.Bench.Rollout;

/// <summary>
/// The measured story, all under one steady load through the router: a warm full Deploy (1.1.0), its Rollback (the
/// old pool was removed, so it restarts), a canary (1.2.0) flipped away by hand with one PUT /routes and then by
/// Runway's Rollback, and a canary with a 5% error rate (1.3.0) that the analysis must catch. Through HAProxy
/// (<paramref name="ViaHAProxy"/>) the hand flip and the bad canary are left out: the first is the local router's
/// admin API, and catching a bad canary from Prometheus is the end-to-end test's (ProductionExampleTests).
/// </summary>
internal sealed partial class Scenario(BenchRoot root, BuildInvoker build, LedgerReader ledger, HttpClient http, Figures figures, bool ViaHAProxy = false)
{
    private const string Baseline = "1.0.0";

    public async Task ColdDeployAsync(CancellationToken cancellationToken)
    {
        var run = await build.RunAsync("Deploy 1.0.0 (cold: publishes)", ["Deploy", "--version", Baseline], cancellationToken);
        Ensure(run, succeeded: true);
        figures.ColdDeploySeconds = run.Seconds;
    }

    public async Task UnderLoadAsync(LoadGenerator load, ReleaseWatch watch, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken); // load settles
        await WarmDeployAsync(load, cancellationToken);
        figures.RollbackAfterDeploy = await RollbackAsync("Rollback after a full Deploy of 1.1.0", "1.1.0", load, watch, cancellationToken);
        var canary = await build.RunAsync("Canary 1.2.0", ["Canary", "--version", "1.2.0"], cancellationToken);
        Ensure(canary, succeeded: true);
        if (!ViaHAProxy) figures.PlainFlip = await PlainFlipAsync("1.2.0", watch, cancellationToken);
        figures.RollbackOfCanary = await RollbackAsync("Rollback of canary 1.2.0", "1.2.0", load, watch, cancellationToken);
        if (!ViaHAProxy) figures.BadCanary = await BadCanaryAsync(load, watch, cancellationToken);
    }

    private async Task WarmDeployAsync(LoadGenerator load, CancellationToken cancellationToken)
    {
        var before = load.Snapshot();
        var run = await build.RunAsync("Deploy 1.1.0 (warm)", ["Deploy", "--version", "1.1.0"], cancellationToken);
        var window = LoadWindow.Between(before, load.Snapshot());
        Ensure(run, succeeded: true);
        var bake = await ledger.StepEvidenceAsync("1.1.0", "Canary", "canary-analysis", cancellationToken);
        figures.WarmDeploy = new DeployFigures(run.Seconds, bake?["bakeSeconds"]?.GetValue<double>() ?? double.NaN,
            await ledger.PhasesAsync("1.1.0", cancellationToken), await ledger.SlowStepsAsync("1.1.0", 0.5, cancellationToken),
            Seconds(run.Started, run.FirstLine("═══ Preparation ═══")) ?? double.NaN, window);
    }

    private async Task<RollbackFigures> RollbackAsync(string label, string release, LoadGenerator load, ReleaseWatch watch, CancellationToken cancellationToken)
    {
        var before = load.Snapshot();
        var run = await build.RunAsync(label, ["Rollback"], cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        var window = LoadWindow.Between(before, load.Snapshot());
        Ensure(run, succeeded: true);
        var back = watch.AllAnswerFrom(Baseline, run.Started, Stopwatch.GetTimestamp());
        // The decision: the rollback's traffic step starting (after the process start, the ledger and the lock).
        var decided = run.FirstLine("Step traffic-restored");
        var backAfterDecision = decided is { } d ? watch.AllAnswerFrom(Baseline, d, Stopwatch.GetTimestamp()) : null;
        return await RollbackFiguresAsync(label, release, run.Seconds, Seconds(run.Started, back), window, cancellationToken) with
        {
            DecisionSeconds = decided is { } from ? Seconds(from, backAfterDecision) : null,
        };
    }

    private async Task<RollbackFigures> RollbackFiguresAsync(string label, string release, double wall, double? external, LoadWindow window, CancellationToken cancellationToken)
    {
        var restored = await ledger.StepEvidenceAsync(release, "Rollback", "traffic-restored", cancellationToken);
        return new RollbackFigures(label, wall, restored?["secondsToFullTraffic"]?.GetValue<double>(), restored?["previousPoolRestarted"]?.GetValue<bool>(), external, window);
    }

    private async Task<PlainFlipFigures> PlainFlipAsync(string canary, ReleaseWatch watch, CancellationToken cancellationToken)
    {
        var state = Path.Combine(root.TemporaryDirectory, "environments", "local");
        var router = new RouterClient(http, root.Ports.RouterAdmin, Path.Combine(state, "router.token"));
        var table = await router.GetAsync(cancellationToken);
        var started = Stopwatch.GetTimestamp();
        await router.PutAsync([.. table.Pools.Select(p => p with { Weight = p.Release == Baseline ? 100 : 0 })], cancellationToken);
        var answered = Stopwatch.GetTimestamp();
        await Task.Delay(TimeSpan.FromSeconds(1.5), cancellationToken);
        var back = watch.AllAnswerFrom(Baseline, started, Stopwatch.GetTimestamp());
        await router.PutAsync(table.Pools, cancellationToken); // the canary as it was, for Runway's own rollback
        Console.WriteLine($"Plain PUT /routes flip away from {canary}: answered in {Seconds(started, answered):0.000} s");
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        return new PlainFlipFigures(Seconds(started, answered) ?? 0, Seconds(started, back));
    }

    private async Task<CanaryFigures> BadCanaryAsync(LoadGenerator load, ReleaseWatch watch, CancellationToken cancellationToken)
    {
        var before = load.Snapshot();
        var run = await build.RunAsync("Deploy 1.3.0 with a 5% error rate", ["Deploy", "--version", "1.3.0", "--sample-error-rate", "0.05"], cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        var window = LoadWindow.Between(before, load.Snapshot());
        Ensure(run, succeeded: false);
        var traffic = run.FirstLine("Traffic in", "1.3.0=10%") ?? run.Started;
        var failed = run.FirstLine("Canary bake ended", "Fail");
        var back = failed is { } f ? watch.AllAnswerFrom(Baseline, f, Stopwatch.GetTimestamp()) : null;
        var rollback = await RollbackFiguresAsync("Automatic rollback of canary 1.3.0", "1.3.0", run.Seconds, Seconds(failed ?? traffic, back), window, cancellationToken);
        return new CanaryFigures(Seconds(traffic, failed), Seconds(traffic, back), Seconds(traffic, watch.FirstAnswerFrom("1.3.0", run.Started)),
            await ledger.StepEvidenceAsync("1.3.0", "Canary", "canary-analysis", cancellationToken), rollback, Intervals(run, traffic));
    }

    // "Canary bake look 2/5, 5.8 s left: baseline 380 requests at 0.00 % errors, canary 33 at 0.00 %; z errors 0.00, latency 3.81 against boundary 3.18: Pass"
    private static List<BakeInterval> Intervals(BuildRun run, long traffic) =>
        [.. run.Lines.Select(l => (l.At, Match: BakeLine().Match(l.Text))).Where(m => m.Match.Success).Select(m => new BakeInterval(
            Seconds(traffic, m.At) ?? 0, long.Parse(m.Match.Groups[1].Value, CultureInfo.InvariantCulture),
            long.Parse(m.Match.Groups[2].Value, CultureInfo.InvariantCulture), m.Match.Groups[3].Value))];

    [GeneratedRegex(@"Canary bake look .* left: baseline (\d+) requests .* canary (\d+) at .*: (\w+)\s*$")]
    private static partial Regex BakeLine();

    private void Ensure(BuildRun run, bool succeeded)
    {
        if ((run.ExitCode == 0) == succeeded) return;
        figures.Problems.Add($"{run.Name} exited {run.ExitCode}, expected {(succeeded ? "success" : "a failure")}; see the run log.");
        if (succeeded) throw new InvalidOperationException($"{run.Name} failed (exit {run.ExitCode}); see the run log.");
    }

    private static double? Seconds(long from, long? to) => to is { } end ? Stopwatch.GetElapsedTime(from, end).TotalSeconds : null;
}
