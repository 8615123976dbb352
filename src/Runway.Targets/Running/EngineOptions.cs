using Runway.Targets.Logging;
using Runway.Targets.Parameters;
using Runway.Targets.Planning;

namespace Runway.Targets.Running;

/// <summary>The options the engine itself understands, read from the command line.</summary>
internal sealed record EngineOptions(bool Help, bool Plan, IReadOnlyList<string>? Skip, Verbosity Verbosity, bool NoLogo, string? Root)
{
    /// <summary>Names (without dashes) the parameter binder must accept as not being parameters.</summary>
    public static readonly IReadOnlySet<string> Names =
        new HashSet<string>(["help", "plan", "skip", "verbosity", "no-logo", "profile", "root"], StringComparer.OrdinalIgnoreCase);

    public static EngineOptions From(CommandLine commandLine) => new(
        commandLine.Has("help"),
        commandLine.Has("plan"),
        commandLine.Options.TryGetValue("skip", out var skip) ? skip : null,
        ReadVerbosity(commandLine),
        commandLine.Has("no-logo"),
        commandLine.Options.TryGetValue("root", out var root) ? Single(root, "--root <dir>") : null);

    private static Verbosity ReadVerbosity(CommandLine commandLine)
    {
        if (!commandLine.Options.TryGetValue("verbosity", out var values)) return Verbosity.Normal;
        var value = Single(values, "--verbosity quiet|minimal|normal|verbose");
        return Enum.TryParse<Verbosity>(value, ignoreCase: true, out var verbosity) && !int.TryParse(value, out _)
            ? verbosity
            : throw new PlanningException($"--verbosity '{value}' is not a verbosity. Use one of quiet, minimal, normal, verbose.");
    }

    private static string Single(IReadOnlyList<string> values, string usage) =>
        values.Count == 1 ? values[0] : throw new PlanningException($"Expected one value: {usage}.");
}
