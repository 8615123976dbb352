using Runway.Targets.Logging;

namespace Runway.Targets.Output;

/// <summary>Writes the parts of the console output that are not log lines: header, target frames, summary, verdict.</summary>
internal sealed class ConsoleFrames(TextWriter writer, SecretMasker masker)
{
    public const string Logo = "▶ Runway — deployment targets";

    public void Header(string runId, string logFile) =>
        Write($"{Logo}\n  run {runId}, log {logFile}\n");

    public void Target(string name) => Write($"\n═══ {name} ═══\n");

    public void Text(string text) => Write(text);

    // Skip reasons and messages come from build code, so they pass through the masker too.
    private void Write(string text)
    {
        writer.Write(masker.Apply(text).ReplaceLineEndings("\n"));
        writer.Flush();
    }
}
