using System.Globalization;
using System.Text;
using Runway.Targets.Definitions;
using Runway.Targets.Parameters;

namespace Runway.Targets.Output;

/// <summary>Renders <c>--help</c>: targets (default marked), parameters and the engine's own options.</summary>
internal static class HelpText
{
    public static string Render(TargetCatalog catalog, IReadOnlyList<string> defaultTargets, IReadOnlyList<ParameterDescriptor> parameters)
    {
        var text = new StringBuilder("Usage: ./build.sh [targets] [options]\n\nTargets (* = default):\n");
        var listed = catalog.Nodes.Where(n => !n.Definition.IsUnlisted).ToList();
        var width = listed.Select(n => n.Name.Length).DefaultIfEmpty(0).Max() + 4;
        foreach (var node in listed)
        {
            var mark = defaultTargets.Contains(node.Name, StringComparer.OrdinalIgnoreCase) ? "* " : "  ";
            var after = node.Dependencies.Count > 0 ? $" (after {string.Join(", ", node.Dependencies)})" : "";
            text.Append($"  {mark}{node.Name.PadRight(width)}{node.Description}{after}".TrimEnd()).Append('\n');
        }
        text.Append("\nParameters:\n");
        foreach (var parameter in parameters) text.Append(Parameter(parameter));
        return text.Append(EngineOptions).ToString();
    }

    private static string Parameter(ParameterDescriptor p)
    {
        var line = new StringBuilder($"  --{p.CliName} <{TypeName(p.Type)}>".PadRight(34)).Append(p.Description);
        if (p.AllowedValues.Count > 0) line.Append($" [{string.Join("|", p.AllowedValues)}]");
        if (p.IsSecret) line.Append(" (secret)");
        else if (p.DefaultValue is { } value && !(value is string s && s.Length == 0)) line.Append($" (default: {Display(value)})");
        return line.Append($"\n  {"",32}env {p.EnvironmentName}\n").ToString();
    }

    private static string TypeName(Type type) =>
        Nullable.GetUnderlyingType(type) is { } inner ? TypeName(inner)
        : type == typeof(string) ? "string" : type == typeof(bool) ? "bool" : type == typeof(int) ? "int"
        : type.IsArray ? TypeName(type.GetElementType()!) + "[]" : type.Name;

    private static string Display(object value) => value switch
    {
        bool b => b ? "true" : "false",
        string[] values => string.Join(" ", values),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private const string EngineOptions = """

        Options:
          --help                            show this help
          --plan                            show the execution plan and write it as a Mermaid graph
          --skip [targets]                  skip these targets (no names: all but the invoked ones)
          --verbosity <level>               quiet|minimal|normal|verbose (default: normal)
          --no-logo                         leave out the header line
          --profile <names>                 apply .nuke/parameters.<name>.json over .nuke/parameters.json
          --root <dir>                      the folder holding .nuke/ (default: found upward from here)

        """;
}
