using System.Diagnostics;
using System.Globalization;
using Runway.Bench.Rollout;

namespace Runway.Bench.Faults;

/// <summary>
/// A <c>build.sh</c> run the bench starts and interferes with while it runs: lines timestamped as they arrive, a wait
/// for a line, a signal. <c>build.sh</c> execs the build, so the process id is the build's own.
/// </summary>
internal sealed class BuildProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<OutputLine> _lines = [];

    private BuildProcess(string name, Process process)
    {
        Name = name;
        _process = process;
        Started = Stopwatch.GetTimestamp();
    }

    public string Name { get; }

    public long Started { get; }

    public int ExitCode => _process.ExitCode;

    public static BuildProcess Start(string repository, string root, string name, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(Path.Combine(repository, "build.sh"))
        {
            WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in arguments.Concat(["--root", root, "--no-logo"])) info.ArgumentList.Add(argument);
        info.Environment["CI"] = "true";
        var process = new Process { StartInfo = info };
        var build = new BuildProcess(name, process);
        process.OutputDataReceived += (_, e) => build.Add(e.Data);
        process.ErrorDataReceived += (_, e) => build.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return build;
    }

    /// <summary>When the first line holding every fragment arrived, or null.</summary>
    public long? FirstLine(params string[] fragments)
    {
        lock (_lines) return _lines.FirstOrDefault(l => fragments.All(f => l.Text.Contains(f, StringComparison.Ordinal)))?.At;
    }

    public async Task<long> WaitForLineAsync(string fragment, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (FirstLine(fragment) is { } at) return at;
            if (_process.HasExited) throw new InvalidOperationException($"{Name} exited ({_process.ExitCode}) before printing \"{fragment}\".");
            if (clock.Elapsed > timeout) throw new TimeoutException($"{Name} did not print \"{fragment}\" within {timeout}.");
            await Task.Delay(20, cancellationToken);
        }
    }

    public void Signal(string signal) =>
        Process.Start("kill", ["-" + signal, _process.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();

    public async Task<long> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        _process.WaitForExit();
        return Stopwatch.GetTimestamp();
    }

    public async Task WriteLogAsync(string logFile)
    {
        List<OutputLine> lines;
        lock (_lines) lines = [.. _lines];
        await File.AppendAllLinesAsync(logFile, [$"===== {Name}",
            .. lines.Select(l => $"[{Stopwatch.GetElapsedTime(Started, l.At).TotalSeconds,7:0.000}] {l.Text}")]);
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private void Add(string? text)
    {
        if (text is null) return;
        lock (_lines) _lines.Add(new OutputLine(Stopwatch.GetTimestamp(), text));
    }
}
