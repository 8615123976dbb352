using Runway.Targets.Logging;
using Runway.Targets.Parameters;
using Runway.Targets.Planning;

namespace Runway.Targets.Running;

/// <summary>The options the engine itself understands, read from the command line.</summary>
/// <param name="Help"><c>--help</c>.</param>
/// <param name="Plan"><c>--plan</c>.</param>
/// <param name="Skip"><c>--skip</c>'s targets; empty for every dependency; null when absent.</param>
/// <param name="Verbosity"><c>--verbosity</c>.</param>
/// <param name="NoLogo"><c>--no-logo</c>.</param>
/// <param name="Root">The root directory: null when <c>--root</c> is absent, empty when given without a value (the working directory, as in Nuke).</param>
internal sealed record EngineOptions(bool Help, bool Plan, IReadOnlyList<string>? Skip, Verbosity Verbosity, bool NoLogo, string? Root)
{
    /// <summary>Names (without dashes) the parameter binder must accept as not being parameters.</summary>
    public static readonly IReadOnlySet<string> Names =
        new HashSet<string>(["help", "plan", "skip", "verbosity", "no-logo", "profile", "root", ArgumentResolver.TargetOption], StringComparer.OrdinalIgnoreCase);

    /// <summary>The engine's options that take no value.</summary>
    public static readonly IReadOnlySet<string> Flags = new HashSet<string>(["help", "plan", "no-logo"], StringComparer.OrdinalIgnoreCase);

    /// <summary>The engine's options whose values are target names.</summary>
    public static readonly IReadOnlySet<string> TargetLists =
        new HashSet<string>(["skip", ArgumentResolver.TargetOption], StringComparer.OrdinalIgnoreCase);

    public static EngineOptions From(CommandLine commandLine) => new(
        commandLine.Flag("help"),
        commandLine.Flag("plan"),
        commandLine.Options.TryGetValue("skip", out var skip) ? skip : null,
        ReadVerbosity(commandLine),
        commandLine.Flag("no-logo"),
        commandLine.Options.TryGetValue("root", out var root) ? RootValue(root) : null);

    private static Verbosity ReadVerbosity(CommandLine commandLine)
    {
        if (!commandLine.Options.TryGetValue("verbosity", out var values)) return Verbosity.Normal;
        var value = Single(values, "--verbosity quiet|minimal|normal|verbose");
        return Enum.TryParse<Verbosity>(value, ignoreCase: true, out var verbosity) && !int.TryParse(value, out _)
            ? verbosity
            : throw new PlanningException($"--verbosity '{value}' is not a verbosity. Use one of quiet, minimal, normal, verbose.");
    }

    // Nuke's value-less --root means "the working directory is the root".
    private static string RootValue(IReadOnlyList<string> values) => values.Count == 0 ? "" : Single(values, "--root <dir>, or --root alone for the working directory");

    private static string Single(IReadOnlyList<string> values, string usage) =>
        values.Count == 1 ? values[0] : throw new PlanningException($"Expected one value: {usage}.");
}
