using System.Diagnostics;
using System.Text;

namespace Runway.Processes;

/// <summary>What to run: a program, its arguments, and optionally a working directory and extra environment.</summary>
public sealed record ProcessSpec(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>Working directory; the current one when null.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Variables added to (or replacing in) the inherited environment.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The command as a person would type it, for messages and logs.</summary>
    public override string ToString() => string.Join(' ', new[] { FileName }.Concat(Arguments.Select(Quote)));

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_./=:,@%+".Contains(c)) ? argument : $"'{argument.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}

/// <summary>How a finished process ended and what it printed.</summary>
public sealed record ProcessResult(ProcessSpec Spec, int ExitCode, string StandardOutput, string StandardError, TimeSpan Duration)
{
    /// <summary>True when the process exited with code 0.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>Throws <see cref="ProcessFailedException"/> unless the process succeeded; returns this otherwise.</summary>
    public ProcessResult EnsureSuccess() => Succeeded ? this : throw new ProcessFailedException(this);
}

/// <summary>A process exited with a non-zero code; the message carries the command and the tail of its error output.</summary>
public sealed class ProcessFailedException(ProcessResult result)
    : Exception($"`{result.Spec}` exited with code {result.ExitCode}: {Tail(result.StandardError.Length > 0 ? result.StandardError : result.StandardOutput)}")
{
    /// <summary>The failed run.</summary>
    public ProcessResult Result { get; } = result;

    private static string Tail(string text) => text.Length <= 2000 ? text.Trim() : "…" + text[^2000..].Trim();
}

/// <summary>Runs a program to completion, capturing its output. Cancellation kills the whole process tree.</summary>
public static class ProcessRunner
{
    /// <summary>Runs <paramref name="spec"/> and returns its result, whatever its exit code.</summary>
    public static async Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken = default)
    {
        using var process = new Process { StartInfo = StartInfo(spec) };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        var started = Stopwatch.GetTimestamp();
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"Cannot start `{spec.FileName}`: {ex.Message}. Is it installed and on PATH?", ex);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        process.WaitForExit(); // flushes the asynchronous output readers
        return new ProcessResult(spec, process.ExitCode, Text(stdout), Text(stderr), Stopwatch.GetElapsedTime(started));
    }

    private static ProcessStartInfo StartInfo(ProcessSpec spec)
    {
        var info = new ProcessStartInfo(spec.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = spec.WorkingDirectory ?? System.Environment.CurrentDirectory,
        };
        foreach (var argument in spec.Arguments)
            info.ArgumentList.Add(argument);
        foreach (var (name, value) in spec.Environment)
            info.Environment[name] = value;
        return info;
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null) return;
        lock (buffer) buffer.AppendLine(line);
    }

    private static string Text(StringBuilder buffer)
    {
        lock (buffer) return buffer.ToString();
    }
}
