using System.Diagnostics;
using Serilog;

/// <summary>Runs the dotnet CLI with its output streamed line by line to the build log.</summary>
static class Dotnet
{
    public static async Task RunAsync(string workingDirectory, IReadOnlyList<string> arguments, ILogger logger, CancellationToken cancellationToken)
    {
        var exitCode = await StreamAsync(workingDirectory, arguments, line => logger.Information("{Line}", line), cancellationToken);
        if (exitCode != 0) throw new InvalidOperationException($"`dotnet {string.Join(' ', arguments)}` exited with code {exitCode}; see the output above.");
    }

    /// <summary>
    /// Runs <c>dotnet test --no-build</c> on each project in turn, adding its result lines and exit code to
    /// <paramref name="summary"/> (shared with runs beside this one); each output line is logged with its project's name.
    /// </summary>
    public static async Task TestEachAsync(string workingDirectory, IReadOnlyList<TestProject> projects, TestSummary summary, ILogger logger,
        CancellationToken cancellationToken, params IReadOnlyList<string> extraArguments)
    {
        foreach (var project in projects)
        {
            var exitCode = await StreamAsync(workingDirectory, ["test", project.Path, "--no-build", "--nologo", .. extraArguments], line =>
            {
                logger.Information("{Project} | {Line}", project.Name, line);
                summary.Read(line);
            }, cancellationToken);
            summary.Finish(exitCode);
        }
    }

    static async Task<int> StreamAsync(string workingDirectory, IReadOnlyList<string> arguments, Action<string> onLine, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("dotnet", arguments) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = new Process { StartInfo = info };
        var gate = new Lock();
        DataReceivedEventHandler forward = (_, e) => { if (e.Data is { } line) lock (gate) onLine(line); };
        process.OutputDataReceived += forward;
        process.ErrorDataReceived += forward;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        process.WaitForExit();
        return process.ExitCode;
    }
}
