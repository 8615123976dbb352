using System.Globalization;
using System.Text;

namespace Runway.Bench.Rollout;

/// <summary>Prints the figures against their goals as the <c>## rollout</c> section of bench/RESULTS.md.</summary>
internal sealed class RolloutReport(Figures figures, BenchSettings settings, string loadBefore, string loadAfter)
{
    private readonly StringBuilder _text = new();
    private readonly bool _haproxy = settings.Router == "haproxy";

    private string Heading => _haproxy ? "## rollout-haproxy" : "## rollout";

    public string Markdown()
    {
        _text.Clear();
        Line(Heading).Line();
        Line($"Reproduce: `{settings.Command}` (builds and runs `bench/Runway.Bench.Rollout`; creates an isolated adopting root in a temp folder with free ports, runs `build.sh ... --root DIR` as real processes, then `Down` and deletes it).");
        Line($"Measured {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores shared with other work; load average {loadBefore} before, {loadAfter} after.");
        if (_haproxy)
            Line("Through HAProxy: `--profile haproxy-prometheus` of deploy/examples/haproxy-prometheus — the example's scripts start HAProxy 2.6, Prometheus and the pools " +
                 "(processes on this machine standing in for hosts, with staging), Runway sets weights over HAProxy's admin socket and reads the canary from Prometheus; " +
                 "the steady load and the `/version` watcher go through HAProxy's frontend. The local router's hand flip and the bad canary are not part of this run " +
                 "(a failing canary caught from Prometheus is ProductionExampleTests' end-to-end story).");
        Line($"Settings: BakeTime {settings.BakeTime}, AnalysisInterval {settings.AnalysisInterval}, MinRequests {settings.MinRequests}, {settings.Replicas} replicas per pool (2 cores), canary weight 10%, MaxLatencyIncrease {settings.MaxLatencyIncrease.ToString(CultureInfo.InvariantCulture)} (fresh instances are warmed up first), Runway's own synthetic load {(_haproxy ? "40 req/s (the example profile's LoadRate)" : "60 req/s")} during bakes (token sub `runway-pipeline`).");
        Line($"Steady load through the router for the whole run: `LoadGenerator`, {settings.LoadRate.ToString(CultureInfo.InvariantCulture)} req/s, `GET /api/orchestrations` with a bearer token of its own (sub `runway-bench-load`, so its own rate-limit bucket: 30/s per replica), 10 s client timeout. A failed request = no answer (connection error, timeout) or 5xx; 429 is counted apart. The real user path (auth, database) was chosen over `/version` so that slow in-flight requests during drains count. A second watcher polls `/version` (no auth, no rate limit) in 2 loops every ~5 ms to time the traffic flips from outside.");
        Line();
        Goals();
        Details();
        Misses();
        foreach (var problem in figures.Problems) Line($"- Problem: {problem}");
        return _text.ToString();
    }

    public void WriteResults(string path)
    {
        var existing = File.Exists(path) ? File.ReadAllText(path) : "# Benchmark results\n\n";
        var start = existing.IndexOf(Heading + "\n", StringComparison.Ordinal);
        var end = start < 0 ? -1 : existing.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var updated = start < 0 ? existing.TrimEnd() + "\n\n" + Markdown() : existing[..start] + Markdown() + (end < 0 ? "" : "\n" + existing[(end + 1)..]);
        File.WriteAllText(path, updated);
        Console.WriteLine($"Wrote {path}");
    }

    private void Goals()
    {
        Line("| figure | measured | goal | met |").Line("| --- | --- | --- | --- |");
        if (figures.WarmDeploy is { } deploy)
            Row("Failed requests during a full Deploy of 1.1.0 (canary 10%, 50%, 100%, 1.0.0 drained and removed)", deploy.Load.Describe(), "0", deploy.Load.Failures == 0);
        foreach (var rollback in new[] { figures.RollbackAfterDeploy, figures.RollbackOfCanary }.OfType<RollbackFigures>())
            Row($"Failed requests during {rollback.Label}", rollback.Load.Describe(), "0", rollback.Load.Failures == 0);
        foreach (var rollback in new[] { figures.RollbackAfterDeploy, figures.RollbackOfCanary, figures.BadCanary?.Rollback }.OfType<RollbackFigures>())
            RollbackRows(rollback);
        if (figures.PlainFlip is { } plain)
            Row("Plain baseline: one `PUT /routes` (canary 1.2.0 → 0%), PUT answered / every request on 1.0.0", $"{S(plain.PutSeconds)} / {S(plain.ExternalSeconds)}", "< 1 s", plain.ExternalSeconds < 1);
        if (figures.BadCanary is { } canary) CanaryRows(canary);
        if (figures.WarmDeploy is { } warm)
            Row($"Orchestration overhead of the warm Deploy: wall {S(warm.WallSeconds)} − bake {S(warm.BakeSeconds)}", S(warm.OverheadSeconds), "< 10 s", warm.OverheadSeconds < 10);
        if (figures.ColdDeploySeconds is { } cold && figures.WarmDeploy is { } w)
            Row("First Deploy in a fresh root (1.0.0, publishes sample and router, no baseline so no bake); publishing ≈ cold − (warm − bake)",
                $"{S(cold)}; ≈ {S(cold - w.OverheadSeconds)} publishing", "—", null);
        Line();
    }

    private void RollbackRows(RollbackFigures rollback)
    {
        var restarted = rollback.PoolRestarted == true ? " (1.0.0 pool had been removed: restarted first)" : " (1.0.0 pool still running)";
        Row($"{rollback.Label}{restarted}: decision → 100% on 1.0.0, inside Runway (ledger `secondsToFullTraffic`)", S(rollback.LedgerSeconds), "< 1 s", rollback.LedgerSeconds < 1);
        var from = rollback.Label.StartsWith("Automatic", StringComparison.Ordinal) ? "the Fail verdict's log line" : "`build.sh Rollback` start";
        Row($"{rollback.Label}: from {from} → every request answers 1.0.0 (outside)", S(rollback.ExternalSeconds), "< 1 s", rollback.ExternalSeconds < 1);
        if (!_haproxy) return;
        var flip = rollback.PoolRestarted == true ? "—" : "< 0.5 s";
        Row($"{rollback.Label}: rollback decision (`Step traffic-restored` log line) → every request through HAProxy answers 1.0.0{(rollback.PoolRestarted == true ? ", the pool's restart included" : "")}",
            S(rollback.DecisionSeconds), flip, rollback.PoolRestarted == true ? null : rollback.DecisionSeconds < 0.5);
    }

    private void CanaryRows(CanaryFigures canary)
    {
        var enough = canary.Intervals.FindIndex(i => i.BaselineRequests >= settings.MinRequests && i.CanaryRequests >= settings.MinRequests);
        var fail = canary.Intervals.FindIndex(i => i.Verdict == "Fail");
        var seen = canary.Analysis?["canary"]?["requests"]?.ToString() ?? "?";
        var met = enough >= 0 && fail >= 0 && fail - enough <= 1;
        Row("5% error canary 1.3.0: canary gets 10% (log line) → verdict Fail",
            $"{S(canary.FailSeconds)}; interval {fail + 1} of analysis, data enough from interval {enough + 1}; canary had seen {seen} requests ({canary.Analysis?["canary"]?["errors"]} errors)",
            $"Fail within one interval ({settings.AnalysisInterval}) of enough data (MinRequests {settings.MinRequests} per pool)", met);
        Row("5% error canary 1.3.0: canary gets 10% → every request answers 1.0.0 again", S(canary.BackSeconds), "—", null);
        Row("Failed requests during the bad canary's Deploy (5xx from 1.3.0 are its deliberate errors)", canary.Rollback.Load.Describe(), "only 1.3.0's", 
            canary.Rollback.Load.NoAnswer == 0 && canary.Rollback.Load.FailuresByRelease.Keys.All(r => r == "1.3.0"));
    }

    private void Details()
    {
        if (figures.WarmDeploy is { } deploy)
        {
            Line($"Warm Deploy 1.1.0: {S(deploy.GatesSeconds)} from `build.sh` start to the Preparation target (process start, cluster check, ledger open, Gates); "
                + "by phase (ledger): " + string.Join(", ", deploy.Phases.Select(p => $"{p.Name} {S(p.Seconds)}")) + ".").Line();
            Line("Its steps of 0.5 s or more (ledger): " + string.Join(", ", deploy.SlowSteps.Select(p => $"{p.Name} {S(p.Seconds)}")) + ".").Line();
        }
        if (figures.BadCanary is { } canary)
            Line("Bad canary's analysis intervals (seconds after it got traffic: baseline / canary requests, verdict): "
                + string.Join("; ", canary.Intervals.Select(i => $"{S(i.AtSeconds)}: {i.BaselineRequests} / {i.CanaryRequests} {i.Verdict}"))
                + $"; first answer from 1.3.0 seen {S(canary.FirstCanaryAnswerSeconds)} after the traffic log line.").Line();
    }

    // Why a goal was missed, with this run's figures: what a reader needs before deciding what to change.
    private void Misses()
    {
        if (figures.RollbackAfterDeploy is { PoolRestarted: true, LedgerSeconds: >= 1 } restarted)
            Line($"- Rollback after a completed Deploy: the previous pool stays warm at weight 0 through the deployment (a rollback during it is one flip, " +
                $"as the canary rollbacks show) and goes once Validation has proven the release (`previous-pool-removed`), so on-call's rollback afterwards " +
                $"first starts the old release's replicas and waits until they are ready ({S(restarted.LedgerSeconds)}). With the pool still running the same step " +
                $"took {S(figures.RollbackOfCanary?.LedgerSeconds)}; keeping it as a standby until the next deployment would give that, at the cost of an idle pool.");
        if (figures.RollbackOfCanary is { ExternalSeconds: >= 1 } canary)
            Line($"- From outside, `./build.sh Rollback` spends ≈ {S(canary.ExternalSeconds - canary.LedgerSeconds)} before its traffic step: a fresh .NET process " +
                "(build.sh's hash check, runtime start, JIT on busy cores), the PostgreSQL check, opening the ledger and its schema check, the environment lock. " +
                (_haproxy
                    ? "Through HAProxy the traffic step itself reads the pools (the read-instances command, `show stat`) and writes every slot's weight in one line to the admin socket. "
                    : $"The flip itself is one PUT ({S(figures.PlainFlip?.PutSeconds)} by hand). The automatic rollback, inside the process that already holds all " +
                      $"that, flipped in {S(figures.BadCanary?.Rollback.ExternalSeconds)}. ") +
                "Restoring traffic before opening the ledger would remove most of the gap.");
        if (figures.WarmDeploy is { OverheadSeconds: >= 10 } deploy)
            Line($"- The warm Deploy spends {S(deploy.OverheadSeconds)} beyond the bake, mostly in the slow steps listed above (two pool starts: staging and " +
                $"canary replicas are new .NET processes that must answer /health/ready) and {S(deploy.GatesSeconds)} before Preparation.");
        Line();
    }

    private void Row(string figure, string measured, string goal, bool? met) =>
        Line($"| {figure} | {measured} | {goal} | {(met is null ? "—" : met.Value ? "yes" : "**no**")} |");

    private RolloutReport Line(string text = "")
    {
        _text.Append(text).Append('\n');
        return this;
    }

    private static string S(double? seconds) =>
        seconds is { } s && !double.IsNaN(s) ? s.ToString("0.000", CultureInfo.InvariantCulture) + " s" : "n/a";
}
