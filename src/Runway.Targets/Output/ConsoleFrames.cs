using Runway.Targets.Logging;

namespace Runway.Targets.Output;

/// <summary>
/// Writes the parts of the console output that are not log lines: header, target frames, summary, verdict.
/// Quiet (<c>--verbosity quiet</c>) leaves the targets' own output alone on the console, for scripts
/// (<c>Status --json</c>): no header, no frames, and the summary only when the build failed. When the output is
/// data, every frame goes to <paramref name="diagnostics"/> (standard error) so standard output parses.
/// </summary>
internal sealed class ConsoleFrames(TextWriter writer, SecretMasker masker, bool quiet = false, TextWriter? diagnostics = null)
{
    private readonly TextWriter _frames = diagnostics ?? writer;

    /// <summary>Wrap each target in a GitHub Actions log group (<c>::group::</c>), collapsed in the job's log.</summary>
    public bool GitHubGroups { get; init; }

    public const string Logo = "▶ Runway — deployment targets";

    public void Header(string runId, string logFile)
    {
        if (!quiet) Write($"{Logo}\n  run {runId}, log {logFile}\n");
    }

    public void Target(string name)
    {
        if (GitHubGroups) Write($"::group::{name}\n");
        if (!quiet) Write($"\n═══ {name} ═══\n");
    }

    public void TargetEnd()
    {
        if (GitHubGroups) Write("::endgroup::\n");
    }

    public void Summary(string summary, bool succeeded)
    {
        if (!quiet || !succeeded) Write(summary);
    }

    /// <summary>A line that ends the run, e.g. the verdict after an invalid plan.</summary>
    public void Verdict(string text) => Write(text);

    /// <summary>Data the user asked for (the plan): always standard output.</summary>
    public void Data(string text) => Write(text, writer);

    // Skip reasons and messages come from build code, so they pass through the masker too.
    private void Write(string text) => Write(text, _frames);

    private void Write(string text, TextWriter to)
    {
        to.Write(masker.Apply(text).ReplaceLineEndings("\n"));
        to.Flush();
    }
}
