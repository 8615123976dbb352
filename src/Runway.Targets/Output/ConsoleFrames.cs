using Runway.Targets.Logging;

namespace Runway.Targets.Output;

/// <summary>
/// Writes the parts of the console output that are not log lines: header, target frames, summary, verdict.
/// Quiet (<c>--verbosity quiet</c>) leaves the targets' own output alone on the console, for scripts
/// (<c>Status --json</c>): no header, no frames, and the summary only when the build failed.
/// </summary>
internal sealed class ConsoleFrames(TextWriter writer, SecretMasker masker, bool quiet = false)
{
    public const string Logo = "▶ Runway — deployment targets";

    public void Header(string runId, string logFile)
    {
        if (!quiet) Write($"{Logo}\n  run {runId}, log {logFile}\n");
    }

    public void Target(string name)
    {
        if (!quiet) Write($"\n═══ {name} ═══\n");
    }

    public void Summary(string summary, bool succeeded)
    {
        if (!quiet || !succeeded) Write(summary);
    }

    public void Text(string text) => Write(text);

    // Skip reasons and messages come from build code, so they pass through the masker too.
    private void Write(string text)
    {
        writer.Write(masker.Apply(text).ReplaceLineEndings("\n"));
        writer.Flush();
    }
}
