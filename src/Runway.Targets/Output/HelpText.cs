using System.Globalization;
using System.Text;
using Runway.Targets.Definitions;
using Runway.Targets.Parameters;

namespace Runway.Targets.Output;

/// <summary>
/// Renders <c>--help</c>: targets (default marked), parameters and the engine's own options. Columns are as wide as
/// their longest entry plus a gap, so no description ever runs into a name.
/// </summary>
internal static class HelpText
{
    private const int Gap = 3;

    private static readonly (string Name, string Description)[] EngineOptions =
    [
        ("--help", "show this help"),
        ("--plan [targets]", "show the execution plan and write it as a Mermaid graph"),
        ("--target <targets>", "the targets to run (as naming them first)"),
        ("--skip [targets]", "skip these targets (no names: all but the invoked ones)"),
        ("--verbosity <level>", "quiet|minimal|normal|verbose (default: normal)"),
        ("--no-logo", "leave out the header line"),
        ("--profile <names>", "apply .nuke/parameters.<name>.json over .nuke/parameters.json"),
        ("--root [dir]", "the folder holding .nuke/ (default: found upward from here; alone: this folder)"),
    ];

    /// <param name="catalog">The build's targets.</param>
    /// <param name="defaultTargets">The targets run when none is named.</param>
    /// <param name="parameters">The parameters, their <see cref="ParameterDescriptor.DefaultValue"/> being the value this run would use.</param>
    /// <param name="sources">Where each value that is not the code's own comes from (<see cref="HelpSources"/>), by member name.</param>
    /// <param name="defaultProfiles">The profiles a run without <c>--profile</c> uses when their files exist.</param>
    public static string Render(
        TargetCatalog catalog,
        IReadOnlyList<string> defaultTargets,
        IReadOnlyList<ParameterDescriptor> parameters,
        IReadOnlyDictionary<string, string> sources,
        IReadOnlyList<string>? defaultProfiles = null)
    {
        var text = new StringBuilder("Usage: ./build.sh [targets] [options]\n\nTargets (* = default):\n");
        Targets(text, catalog, defaultTargets);
        var rows = parameters.Select(p => (Name: $"--{p.CliName} <{TypeName(p.Type)}>", Parameter: p)).ToList();
        var width = rows.Select(r => r.Name.Length).Concat(EngineOptions.Select(o => o.Name.Length)).Max() + Gap;
        text.Append("\nParameters:\n");
        foreach (var (name, parameter) in rows)
        {
            text.Append(Row(name, Describe(parameter, sources.GetValueOrDefault(parameter.MemberName)), width)).Append(Row("", $"env {parameter.EnvironmentName}", width));
        }

        text.Append("\nOptions:\n");
        foreach (var (name, description) in EngineOptions) text.Append(Row(name, Profiles(name, description, defaultProfiles), width));
        return text.Append('\n').ToString();
    }

    // A build's default profiles apply only when --profile names none, so help says which they are.
    private static string Profiles(string name, string description, IReadOnlyList<string>? defaultProfiles) =>
        name.StartsWith("--profile", StringComparison.Ordinal) && defaultProfiles is { Count: > 0 }
            ? $"{description} (default: {string.Join(", ", defaultProfiles)}, when its file exists)"
            : description;

    private static void Targets(StringBuilder text, TargetCatalog catalog, IReadOnlyList<string> defaultTargets)
    {
        var listed = catalog.Nodes.Where(n => !n.Definition.IsUnlisted).ToList();
        var names = listed.Select(n => n.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var width = listed.Select(n => n.Name.Length).DefaultIfEmpty(0).Max() + Gap;
        foreach (var node in listed)
        {
            var mark = defaultTargets.Contains(node.Name, StringComparer.OrdinalIgnoreCase) ? "* " : "  ";
            // An unlisted target is an implementation detail: naming it would send people looking for it.
            var dependencies = node.Dependencies.Where(names.Contains).ToList();
            var after = dependencies.Count > 0 ? $" (after {string.Join(", ", dependencies)})" : "";
            text.Append($"  {mark}{node.Name.PadRight(width)}{node.Description}{after}".TrimEnd()).Append('\n');
        }
    }

    private static string Row(string name, string description, int width) => $"  {name.PadRight(width)}{description}".TrimEnd() + "\n";

    // The default is what this command line would run with; "from" names its file, variable or option unless it is the code's.
    private static string Describe(ParameterDescriptor p, string? source)
    {
        var line = new StringBuilder(p.Description);
        if (p.AllowedValues.Count > 0) line.Append($" [{string.Join("|", p.AllowedValues)}]");
        var from = source is null ? "" : $", from {source}";
        var shown = p.DefaultValue is { } value ? Display(value) : "";
        if (p.IsSecret) line.Append(source is null ? " (secret)" : $" (secret, set from {source})");
        else if (shown.Length > 0) line.Append($" (default: {shown}{from})");
        else if (source is not null) line.Append($" (default: none{from})"); // a profile's null that clears a weaker file's value
        return line.ToString().TrimStart();
    }

    private static string TypeName(Type type) =>
        Nullable.GetUnderlyingType(type) is { } inner ? TypeName(inner)
        : type == typeof(string) ? "string" : type == typeof(bool) ? "bool" : type == typeof(int) ? "int"
        : type == typeof(TimeSpan) ? "duration"
        : type == typeof(long) ? "int" : type == typeof(double) || type == typeof(float) || type == typeof(decimal) ? "number"
        : type.IsArray ? TypeName(type.GetElementType()!) + "[]" : type.Name;

    private static string Display(object value) => value switch
    {
        bool b => b ? "true" : "false",
        TimeSpan duration => DurationText.Format(duration),
        Array values => string.Join(" ", values.Cast<object?>().Select(v => v is null ? "" : Display(v))).Trim(),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
