using System.Diagnostics;

namespace Runway.Targets.Tests.Support;

/// <summary>
/// A bootstrap script started and left running, so a test can wait for a line of its output and send it a signal, as
/// a terminal or a CI runner's cancel button does. Started through <c>env --default-signal</c>: a process started with
/// SIGINT ignored (a background job of a non-interactive shell) passes that on to every .NET process below it.
/// </summary>
internal sealed class ScriptProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly Task _stdout;
    private readonly Task<string> _stderr;

    private ScriptProcess(Process process)
    {
        _process = process;
        _stdout = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
                lock (_lines) _lines.Add(line);
        });
        _stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>The script's own process id: what <c>kill</c> in a terminal, or a CI runner, signals.</summary>
    public int Id => _process.Id;

    public string StandardOutput { get { lock (_lines) return string.Join('\n', _lines); } }

    /// <summary>Starts <paramref name="script"/>; <paramref name="launcher"/> replaces the usual <c>pwsh</c> for build.ps1.</summary>
    public static ScriptProcess Start(string scriptRoot, string script, IReadOnlyList<string>? launcher = null, params string[] arguments)
    {
        var info = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("--default-signal=INT,TERM");
        var command = BuildScript.CommandFor(scriptRoot, script);
        foreach (var word in launcher is null ? command : [.. launcher, .. command.Skip(1)]) info.ArgumentList.Add(word);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        info.Environment["CI"] = "true";
        return new ScriptProcess(Process.Start(info)!);
    }

    /// <summary>Waits until a line of standard output starts with <paramref name="prefix"/>; returns it.</summary>
    public async Task<string> WaitForLineAsync(string prefix, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            lock (_lines)
                if (_lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) is { } line) return line;
            if (_process.HasExited && _stdout.IsCompleted) break;
            await Task.Delay(50);
        }

        throw new TimeoutException($"no line starting '{prefix}' (exited: {_process.HasExited}). Output:\n{StandardOutput}\n{await StderrSoFar()}");
    }

    /// <summary>Sends <paramref name="signal"/> (e.g. TERM) to process <paramref name="pid"/> alone, not its group.</summary>
    public static async Task SignalAsync(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>Waits for the script, and whatever shares its output, to end; null when they have not within <paramref name="timeout"/>.</summary>
    public async Task<ScriptRun?> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            await _stdout.WaitAsync(cancel.Token); // open until every process holding it (the build too) has ended
        }
        catch (OperationCanceledException)
        {
            return null;
        }

        return new ScriptRun(_process.ExitCode, StandardOutput, await _stderr);
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private async Task<string> StderrSoFar() => _stderr.IsCompleted ? await _stderr : "(standard error still open)";
}
