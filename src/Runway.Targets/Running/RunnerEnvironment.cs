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

    // Variables CI servers set; Nuke's IsServerBuild is true under any of its hosts.
    private static readonly string[] ServerVariables =
        ["CI", "GITHUB_ACTIONS", "TF_BUILD", "TEAMCITY_VERSION", "GITLAB_CI", "JENKINS_URL", "BUILDKITE", "APPVEYOR", "BITBUCKET_BUILD_NUMBER", "SPACE_API_URL"];

    public static RunnerEnvironment FromProcess() => new(
        null,
        ProcessVariables(),
        Directory.GetCurrentDirectory(),
        TimeProvider.System,
        !System.Console.IsOutputRedirected);

    /// <summary>Where diagnostics go (errors, warnings; the summary when the output is data); null means the real standard error, or <see cref="Console"/> when that is set.</summary>
    public TextWriter? ErrorConsole { get; init; }

    public TextWriter Writer => Console ?? System.Console.Out;

    public TextWriter ErrorWriter => ErrorConsole ?? Console ?? System.Console.Error;

    /// <summary>A terminal outside CI.</summary>
    public bool IsInteractive => IsTerminal && !IsServer(Variables);

    /// <summary>
    /// Colours on the console: only in a terminal a person watches, and never when <c>NO_COLOR</c> is set (no-color.org)
    /// or the terminal says it cannot show them (<c>TERM=dumb</c>).
    /// </summary>
    public bool UseColours => IsInteractive
        && !(Variables.TryGetValue("NO_COLOR", out var noColour) && noColour.Length > 0)
        && !(Variables.TryGetValue("TERM", out var term) && term.Equals("dumb", StringComparison.OrdinalIgnoreCase));

    /// <summary>Running under GitHub Actions, whose log understands <c>::group::</c>.</summary>
    public bool IsGitHubActions => Variables.TryGetValue("GITHUB_ACTIONS", out var value) && value.Equals("true", StringComparison.OrdinalIgnoreCase);

    public static bool IsServer(IReadOnlyDictionary<string, string> variables) =>
        ServerVariables.Any(name => variables.TryGetValue(name, out var value) && value.Length > 0);

    public static IReadOnlyDictionary<string, string> ProcessVariables() =>
        Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");
}
