using System.Globalization;
using System.Text;

namespace Runway.Bench.Faults;

/// <summary>The figures side by side with their goals, as Markdown, and the <c>## faults</c> section of bench/RESULTS.md.</summary>
internal sealed class FaultReport(FaultFigures figures, string command, string loadBefore, string loadAfter)
{
    private readonly StringBuilder _text = new();

    public string Markdown()
    {
        _text.Clear();
        Line("## faults").Line();
        Line("Faults in the middle of a canary bake (`--bake-time 5m`), under a steady load through the router, each on real processes:")
            .Line("a SIGTERM (as a cancelled CI job sends), a SIGKILL with a short traffic lease, 20 Deploys started at once, and a")
            .Line("PostgreSQL restart with a second Deploy started right after it. 2 replicas per pool; the rest is the local profile.").Line();
        Line($"Command: `{command}`").Line();
        Line("| figure | measured | goal | met |").Line("| --- | --- | --- | --- |");
        Sigterm();
        Sigkill();
        Concurrent();
        Restart();
        Line();
        Line($"Load average before / after: {loadBefore} / {loadAfter} (2 cores shared with other work).");
        foreach (var problem in figures.Problems) Line($"- Problem: {problem}");
        return _text.ToString();
    }

    public void WriteResults(string path)
    {
        var existing = File.Exists(path) ? File.ReadAllText(path) : "# Benchmark results\n\n";
        var start = existing.IndexOf("## faults", StringComparison.Ordinal);
        var end = start < 0 ? -1 : existing.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var updated = start < 0 ? existing.TrimEnd() + "\n\n" + Markdown() : existing[..start] + Markdown() + (end < 0 ? "" : "\n" + existing[(end + 1)..]);
        File.WriteAllText(path, updated);
        Console.WriteLine($"Wrote {path}");
    }

    private void Sigterm()
    {
        if (figures.Sigterm is not { } f) return;
        Row("SIGTERM mid-bake of 1.1.0 → router 100% on 1.0.0", S(f.RouterSeconds), "< 5 s", f.RouterSeconds < 5);
        Row("… → every answer through the router from 1.0.0", S(f.AnswersSeconds), "< 5 s", f.AnswersSeconds < 5);
        Row("Failed requests from the signal to 1 s after the run's exit", f.Load.Describe(), "0", f.Load.Failures == 0);
        Row($"… run exits non-zero (exit {f.ExitCode}, after {S(f.ExitSeconds)}); ledger says", f.LedgerState ?? "?", "Aborted, with the reason",
            f.ExitCode != 0 && f.LedgerState?.StartsWith("Aborted", StringComparison.Ordinal) == true);
    }

    private void Sigkill()
    {
        if (figures.Sigkill is not { } f) return;
        Row($"SIGKILL mid-bake of 1.2.0 (`--traffic-lease {f.LeaseSeconds}s`) → router 100% on 1.0.0", S(f.RouterSeconds), $"< lease + 2 s = {f.LeaseSeconds + 2} s",
            f.RouterSeconds < f.LeaseSeconds + 2);
        Row("… → every answer from 1.0.0", S(f.AnswersSeconds), $"< lease + 2 s", f.AnswersSeconds < f.LeaseSeconds + 2);
        Row("Failed requests from the kill to 1 s after traffic returned", f.Load.Describe(), "0", f.Load.Failures == 0);
    }

    private void Concurrent()
    {
        if (figures.Concurrent is not { } f) return;
        var sorted = f.RefusalSeconds.Order().ToList();
        var median = sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
        var max = sorted.Count == 0 ? double.NaN : sorted[^1];
        Row($"{f.Runs} Deploys at once: refused runs, refusal time from process start (median / max)", $"{f.Refused} refused; {S(median)} / {S(max)}", $"{f.Runs - 1} refused, < 2 s",
            f.Refused == f.Runs - 1 && max < 2);
        Row("… environment locks taken / refused runs that wrote a step or a waiver", $"{f.LockEvents} / {f.RefusedRunsThatWrote}", "1 / 0", f.LockEvents == 1 && f.RefusedRunsThatWrote == 0);
    }

    private void Restart()
    {
        if (figures.Restart is not { } f) return;
        Row("PostgreSQL restart mid-bake of 1.3.0: first run stops (\"Lost the lock\") / second Deploy takes the environment, from the restart",
            $"{S(f.FirstStoppedSeconds)} / {S(f.SecondTookSeconds)}", "first before second", f.OverlapSeconds == 0);
        Row("… overlapping-run seconds (both believing they hold the environment)", S(f.OverlapSeconds), "0", f.OverlapSeconds == 0);
        Row($"… the first rolled back without its lock / exit codes first, second", $"{(f.FirstRolledBack ? "yes" : "no")} / {f.FirstExitCode}, {f.SecondExitCode}", "no / non-zero, 0",
            !f.FirstRolledBack && f.FirstExitCode != 0 && f.SecondExitCode == 0);
    }

    private void Row(string figure, string measured, string goal, bool? met) => Line($"| {figure} | {measured} | {goal} | {(met == true ? "yes" : "**no**")} |");

    private FaultReport Line(string text = "")
    {
        _text.Append(text).Append('\n');
        return this;
    }

    private static string S(double? seconds) => seconds is { } s && !double.IsNaN(s) ? s.ToString("0.00", CultureInfo.InvariantCulture) + " s" : "—";
}
