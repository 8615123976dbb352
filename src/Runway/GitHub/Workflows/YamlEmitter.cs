using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Runway.GitHub.Workflows;

/// <summary>Writes <see cref="YamlMapping"/> trees as block-style YAML: deterministic, two-space indents, LF line ends.</summary>
internal static partial class YamlEmitter
{
    public static string Emit(YamlMapping root, string? headerComment = null)
    {
        var lines = new List<string>();
        if (headerComment is not null)
            lines.AddRange(headerComment.Split('\n').Select(l => l.Length == 0 ? "#" : $"# {l}"));
        lines.AddRange(Mapping(root, 0));
        return string.Join('\n', lines) + "\n";
    }

    private static IEnumerable<string> Mapping(YamlMapping mapping, int indent)
    {
        var pad = new string(' ', indent);
        var first = true;
        foreach (var (key, value) in mapping.Entries)
        {
            if (mapping.Spaced && !first)
                yield return "";
            first = false;
            foreach (var line in Entry(pad + key + ":", value, indent))
                yield return line;
        }
    }

    private static IEnumerable<string> Entry(string prefix, object value, int indent) => value switch
    {
        YamlMapping { Entries.Count: 0 } => [prefix + " {}"],
        YamlMapping map => [prefix, .. Mapping(map, indent + 2)],
        IEnumerable<object> { } items when !items.Any() => [prefix + " []"],
        IEnumerable<object> items => [prefix, .. items.SelectMany(item => SequenceItem(item, indent + 2))],
        // A script of several lines reads best as a literal block.
        string s when s.EndsWith('\n') && s.TrimEnd('\n').Contains('\n') => [prefix + " |", .. s.TrimEnd('\n').Split('\n').Select(l => new string(' ', indent + 2) + l)],
        _ => [$"{prefix} {Scalar(value)}"],
    };

    private static IEnumerable<string> SequenceItem(object item, int indent)
    {
        if (item is not YamlMapping map)
            return [$"{new string(' ', indent)}- {Scalar(item)}"];
        var lines = Mapping(map, indent + 2).ToList();
        lines[0] = new string(' ', indent) + "- " + lines[0][(indent + 2)..];
        return lines;
    }

    public static string Scalar(object value) => value switch
    {
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        string s when IsPlainSafe(s) => s,
        string s => JsonSerializer.Serialize(s), // a JSON string is a valid YAML double-quoted scalar
        _ => throw new ArgumentException($"YAML emitter cannot write a {value.GetType().Name}.", nameof(value)),
    };

    private static bool IsPlainSafe(string s) =>
        s.Length > 0 && !char.IsWhiteSpace(s[0]) && !char.IsWhiteSpace(s[^1]) && !s.EndsWith(':')
        && "!&*-?:,[]{}#|>@`\"'%".IndexOf(s[0], StringComparison.Ordinal) < 0
        && !s.Contains(": ", StringComparison.Ordinal) && !s.Contains(" #", StringComparison.Ordinal)
        && !s.Any(char.IsControl) && !Reserved().IsMatch(s) && !LooksNumeric().IsMatch(s);

    [GeneratedRegex("^(true|false|yes|no|on|off|y|n|null|~)$", RegexOptions.IgnoreCase)]
    private static partial Regex Reserved();

    [GeneratedRegex(@"^[-+.]?[0-9]|^\.(inf|nan)$", RegexOptions.IgnoreCase)]
    private static partial Regex LooksNumeric();
}
