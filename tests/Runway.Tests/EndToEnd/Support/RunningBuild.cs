using System.Diagnostics;
using System.Text;
using Runway.Processes;

namespace Runway.Tests.EndToEnd.Support;

/// <summary>
/// A <c>build.sh</c> run in progress: its output as it comes, and a way to kill it as a crash would.
/// <c>build.sh</c> execs <c>dotnet _build.dll</c>, so the started process id is the build's own.
/// </summary>
public sealed class RunningBuild : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _arguments;

    private RunningBuild(Process process, string arguments)
    {
        _process = process;
        _arguments = arguments;
    }

    /// <summary>Everything printed so far.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>The build's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Starts <paramref name="spec"/> with its output captured.</summary>
    public static RunningBuild Start(ProcessSpec spec)
    {
        var info = new ProcessStartInfo(spec.FileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.WorkingDirectory = spec.WorkingDirectory ?? Environment.CurrentDirectory;
        foreach (var argument in spec.Arguments) info.ArgumentList.Add(argument);
        foreach (var (name, value) in spec.Environment) info.Environment[name] = value;
        var process = new Process { StartInfo = info };
        var build = new RunningBuild(process, string.Join(' ', spec.Arguments));
        process.OutputDataReceived += (_, e) => build.Append(e.Data);
        process.ErrorDataReceived += (_, e) => build.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return build;
    }

    /// <summary>Waits until the output contains <paramref name="text"/>; fails when the build ends first or the time runs out.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited && !Output.Contains(text, StringComparison.Ordinal))
                throw new InvalidOperationException($"`build.sh {_arguments}` ended (exit {_process.ExitCode}) without printing \"{text}\":\n{Output}");
            if (deadline.Elapsed > timeout)
                throw new TimeoutException($"`build.sh {_arguments}` did not print \"{text}\" within {timeout}:\n{Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>Kills the build with SIGKILL, as a crash or an out-of-memory kill would: no cleanup runs.</summary>
    public async Task KillAsync()
    {
        var kill = await ProcessRunner.RunAsync(new ProcessSpec("kill", ["-9", ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]));
        kill.EnsureSuccess();
        await WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Sends <paramref name="signal"/> (e.g. <c>TERM</c>, <c>INT</c>), as a cancelled CI job or Ctrl+C would.</summary>
    public async Task SignalAsync(string signal) =>
        (await ProcessRunner.RunAsync(new ProcessSpec("kill", ["-" + signal, ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]))).EnsureSuccess();

    /// <summary>Sends <paramref name="signal"/> to the build's whole process group, as Ctrl+C at a terminal does (the build must lead its group).</summary>
    public async Task SignalGroupAsync(string signal) =>
        (await ProcessRunner.RunAsync(new ProcessSpec("kill", ["-" + signal, "--", "-" + ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]))).EnsureSuccess();

    /// <summary>Waits for the build to end and returns it as a finished run.</summary>
    public async Task<BuildRun> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        _process.WaitForExit(); // flushes the output readers
        return new BuildRun(_arguments, _process.ExitCode, Output);
    }

    /// <summary>Kills the build if it still runs (a failed test must not leave it holding the environment).</summary>
    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }
}
