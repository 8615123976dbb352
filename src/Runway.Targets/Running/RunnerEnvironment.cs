using System.Collections;

namespace Runway.Targets.Running;

/// <summary>What a run takes from its surroundings; tests supply their own.</summary>
/// <param name="Console">Where console output goes; null means the real console (with colours when interactive).</param>
/// <param name="Variables">The environment variables.</param>
/// <param name="WorkingDirectory">Where to start looking for <c>.nuke/</c>.</param>
/// <param name="Time">Clock for durations, timestamps and the verdict.</param>
/// <param name="IsTerminal">Whether output goes to a terminal a person watches.</param>
internal sealed record RunnerEnvironment(TextWriter? Console, IReadOnlyDictionary<string, string> Variables, string WorkingDirectory, TimeProvider Time, bool IsTerminal)
{
    /// <summary>A fixed run id for tests; a fresh one otherwise.</summary>
    public string? RunId { get; init; }

    public static RunnerEnvironment FromProcess() => new(
        null,
        Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? ""),
        Directory.GetCurrentDirectory(),
        TimeProvider.System,
        !System.Console.IsOutputRedirected);

    /// <summary>Where diagnostics go (errors, warnings; the summary when the output is data); null means the real standard error, or <see cref="Console"/> when that is set.</summary>
    public TextWriter? ErrorConsole { get; init; }

    public TextWriter Writer => Console ?? System.Console.Out;

    public TextWriter ErrorWriter => ErrorConsole ?? Console ?? System.Console.Error;

    /// <summary>A terminal outside CI.</summary>
    public bool IsInteractive => IsTerminal && !Variables.ContainsKey("CI");
}
