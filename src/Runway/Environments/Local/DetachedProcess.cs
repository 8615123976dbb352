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

    /// <summary>The process's start time in clock ticks since boot (field 22 of /proc/PID/stat), or null when it does not run.</summary>
    public static long? StartTimeOf(int processId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[19], System.Globalization.CultureInfo.InvariantCulture); // field 22; fields here start at 3
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The command line <paramref name="spec"/> runs as, once started (the program and its arguments, space-separated).</summary>
    public static string CommandLineOf(ProcessSpec spec) => string.Join(' ', [spec.FileName, .. spec.Arguments]);

    /// <summary>True when <paramref name="processId"/> is still the process Runway recorded: same start time and command line.</summary>
    public static bool IsRecorded(int processId, long? startTime, string? commandLine)
    {
        if (startTime is null || commandLine is null || StartTimeOf(processId) != startTime) return false;
        try
        {
            return File.ReadAllText($"/proc/{processId}/cmdline").TrimEnd('\0').Replace('\0', ' ') == commandLine;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// Stops the process Runway recorded, as <see cref="StopAsync"/> does, but only when the pid is still that process
    /// (start time and command line match); otherwise it is left alone and false is returned.
    /// </summary>
    public static async Task<bool> StopRecordedAsync(int processId, long? startTime, string? commandLine, TimeSpan grace, CancellationToken cancellationToken)
    {
        if (!IsAlive(processId)) return true;
        if (!IsRecorded(processId, startTime, commandLine)) return false;
        await StopAsync(processId, grace, cancellationToken).ConfigureAwait(false);
        return true;
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
