using System.Diagnostics;
using Runway.Processes;

namespace Runway.Environments.Local;

/// <summary>
/// Starts programs that outlive Runway: in their own session (<c>setsid</c>), output appended to a log file,
/// no inherited pipes (a CI step that waits for its output to close would otherwise wait for the service).
/// </summary>
public static class DetachedProcess
{
    /// <summary>Starts <paramref name="spec"/> detached, logging to <paramref name="logFile"/>; returns its process id.</summary>
    public static int Start(ProcessSpec spec, string logFile)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        var info = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = false,
            RedirectStandardOutput = false,
            RedirectStandardError = false,
            WorkingDirectory = spec.WorkingDirectory ?? Environment.CurrentDirectory,
        };
        // setsid execs sh, which execs the program: the pid we get is the program's.
        foreach (var argument in (string[])["sh", "-c", "exec \"$0\" \"$@\" >>\"$RUNWAY_DETACHED_LOG\" 2>&1 </dev/null", spec.FileName, .. spec.Arguments])
            info.ArgumentList.Add(argument);
        info.Environment["RUNWAY_DETACHED_LOG"] = logFile;
        foreach (var (name, value) in spec.Environment)
            info.Environment[name] = value;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Cannot start `{spec}`.");
        return process.Id;
    }

    /// <summary>True when a process with this id runs (and is not a zombie).</summary>
    public static bool IsAlive(int processId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state != 'Z' && state != 'X';
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Asks the process to stop (SIGTERM), waits up to <paramref name="grace"/>, then kills it.</summary>
    public static async Task StopAsync(int processId, TimeSpan grace, CancellationToken cancellationToken)
    {
        if (!IsAlive(processId)) return;
        await ProcessRunner.RunAsync(new ProcessSpec("kill", ["-TERM", processId.ToString(System.Globalization.CultureInfo.InvariantCulture)]), cancellationToken)
            .ConfigureAwait(false);
        var deadline = Stopwatch.GetTimestamp() + (long)(grace.TotalSeconds * Stopwatch.Frequency);
        while (IsAlive(processId) && Stopwatch.GetTimestamp() < deadline)
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        if (IsAlive(processId))
            await ProcessRunner.RunAsync(new ProcessSpec("kill", ["-KILL", processId.ToString(System.Globalization.CultureInfo.InvariantCulture)]), cancellationToken)
                .ConfigureAwait(false);
    }
}
