using System.Diagnostics;

namespace Runway.Bench.Rollout;

/// <summary>One line of a build's output and when it arrived (Stopwatch timestamp).</summary>
internal sealed record OutputLine(long At, string Text);

/// <summary>A finished <c>build.sh</c> process: its exit code, when it started and ended, and its output lines.</summary>
internal sealed record BuildRun(string Name, int ExitCode, long Started, long Ended, IReadOnlyList<OutputLine> Lines)
{
    public double Seconds => Stopwatch.GetElapsedTime(Started, Ended).TotalSeconds;

    /// <summary>When the first line containing every fragment arrived, or null.</summary>
    public long? FirstLine(params string[] fragments) =>
        Lines.FirstOrDefault(l => fragments.All(f => l.Text.Contains(f, StringComparison.Ordinal)))?.At;
}

/// <summary>
/// Runs <c>&lt;repo&gt;/build.sh TARGET --root DIR --no-logo ...</c> as a real process, timestamps each output line as it
/// arrives (the console sink flushes per line) and appends everything to a log file for later reading.
/// </summary>
internal sealed class BuildInvoker(string repository, string root, string logFile, IReadOnlyDictionary<string, string>? environment = null, IReadOnlyList<string>? always = null)
{
    public async Task<BuildRun> RunAsync(string name, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(Path.Combine(repository, "build.sh"))
        {
            WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in arguments.Concat(always ?? []).Concat(["--root", root, "--no-logo"])) info.ArgumentList.Add(argument);
        info.Environment["CI"] = "true"; // never ask a question: there is no one at this terminal
        foreach (var (variable, value) in environment ?? new Dictionary<string, string>()) info.Environment[variable] = value;
        var lines = new List<OutputLine>();
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Cannot start {info.FileName}.");
        process.OutputDataReceived += (_, e) => Add(lines, e.Data);
        process.ErrorDataReceived += (_, e) => Add(lines, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await process.WaitForExitAsync(cancellationToken);
        var ended = Stopwatch.GetTimestamp();
        var run = new BuildRun(name, process.ExitCode, started, ended, Snapshot(lines));
        await File.AppendAllLinesAsync(logFile, [$"===== {name}: build.sh {string.Join(' ', arguments)} → exit {run.ExitCode} in {run.Seconds:0.0} s",
            .. run.Lines.Select(l => $"[{Stopwatch.GetElapsedTime(started, l.At).TotalSeconds,7:0.000}] {l.Text}")], cancellationToken);
        Console.WriteLine($"{name}: exit {run.ExitCode} in {run.Seconds:0.0} s");
        return run;
    }

    private static void Add(List<OutputLine> lines, string? text)
    {
        if (text is null) return;
        lock (lines) lines.Add(new OutputLine(Stopwatch.GetTimestamp(), text));
    }

    private static List<OutputLine> Snapshot(List<OutputLine> lines)
    {
        lock (lines) return [.. lines];
    }
}
