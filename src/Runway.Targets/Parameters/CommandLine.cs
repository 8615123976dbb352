namespace Runway.Targets.Parameters;

/// <summary>
/// The build's arguments split into target names and options. Tokens before the first <c>--option</c> are
/// target names; <c>--name v1 v2</c> gives values until the next <c>--option</c>; <c>--flag</c> alone gives an
/// empty list; <c>--name=value</c> is also accepted. Repeating an option appends its values. This split knows no
/// targets and no types; <see cref="ArgumentResolver"/> then decides which words after a flag are targets.
/// </summary>
public sealed class CommandLine
{
    private const string OptionPrefix = "--";

    private CommandLine(IReadOnlyList<string> targets, IReadOnlyList<OptionOccurrence> occurrences)
    {
        Targets = targets;
        Occurrences = occurrences;
        var options = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var occurrence in occurrences)
        {
            if (!options.TryGetValue(occurrence.Name, out var values)) options[occurrence.Name] = values = [];
            values.AddRange(occurrence.Values);
        }

        Options = options.ToDictionary(o => o.Key, o => (IReadOnlyList<string>)o.Value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The target names given before the first option (after resolution: every target named), in order.</summary>
    public IReadOnlyList<string> Targets { get; }

    /// <summary>Option values keyed by option name without dashes (e.g. <c>bake-time</c>), matched ignoring case.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Options { get; }

    /// <summary>Each option as written, in order, with the value attached by <c>=</c> kept apart from the words that followed it.</summary>
    internal IReadOnlyList<OptionOccurrence> Occurrences { get; }

    /// <summary>Splits the arguments into targets and options.</summary>
    /// <exception cref="ParameterException">An option has no name, e.g. a lone <c>--</c> or <c>--=x</c>.</exception>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var targets = new List<string>();
        var occurrences = new List<(string Name, string? Attached, List<string> Following)>();
        foreach (var arg in args)
        {
            if (arg.StartsWith(OptionPrefix, StringComparison.Ordinal))
            {
                occurrences.Add(StartOption(arg));
            }
            else if (occurrences.Count > 0)
            {
                occurrences[^1].Following.Add(arg);
            }
            else
            {
                targets.Add(arg);
            }
        }

        return new CommandLine(targets, occurrences.Select(o => new OptionOccurrence(o.Name, o.Attached, o.Following)).ToList());
    }

    /// <summary>Whether the option was given, with or without values; <paramref name="option"/> may carry its dashes.</summary>
    public bool Has(string option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return Options.ContainsKey(option.TrimStart('-'));
    }

    /// <summary>A flag's value: false when absent, true when given alone, else its explicit <c>true</c>/<c>false</c>.</summary>
    internal bool Flag(string option) =>
        Options.TryGetValue(option, out var values) && (values.Count == 0 || bool.Parse(values[^1]));

    internal static CommandLine Resolved(IReadOnlyList<string> targets, IReadOnlyList<OptionOccurrence> occurrences) =>
        new(targets, occurrences);

    private static (string, string?, List<string>) StartOption(string arg)
    {
        var body = arg[OptionPrefix.Length..];
        var equals = body.IndexOf('=', StringComparison.Ordinal);
        var name = equals < 0 ? body : body[..equals];
        if (name.Length == 0)
        {
            throw new ParameterException(
                $"The argument '{(equals < 0 ? arg : OptionPrefix + "=")}' has no option name. Write --name value or --name=value.");
        }

        return (name, equals < 0 ? null : body[(equals + 1)..], []);
    }
}

/// <summary>One <c>--option</c> as written.</summary>
/// <param name="Name">The option's name without dashes.</param>
/// <param name="Attached">The value given as <c>--name=value</c>, or null.</param>
/// <param name="Following">The words after it up to the next option.</param>
internal sealed record OptionOccurrence(string Name, string? Attached, IReadOnlyList<string> Following)
{
    /// <summary>Every value, the attached one first.</summary>
    public IReadOnlyList<string> Values => Attached is null ? Following : [Attached, .. Following];
}
