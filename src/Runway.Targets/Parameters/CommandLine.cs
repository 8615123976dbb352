namespace Runway.Targets.Parameters;

/// <summary>
/// The build's arguments split into target names and options. Tokens before the first <c>--option</c> are
/// target names; <c>--name v1 v2</c> gives values until the next <c>--option</c>; <c>--flag</c> alone gives an
/// empty list; <c>--name=value</c> is also accepted. Repeating an option appends its values.
/// </summary>
public sealed class CommandLine
{
    private const string OptionPrefix = "--";

    private CommandLine(IReadOnlyList<string> targets, IReadOnlyDictionary<string, IReadOnlyList<string>> options)
    {
        Targets = targets;
        Options = options;
    }

    /// <summary>The target names given before the first option, in order.</summary>
    public IReadOnlyList<string> Targets { get; }

    /// <summary>Option values keyed by option name without dashes (e.g. <c>bake-time</c>), matched ignoring case.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Options { get; }

    /// <summary>Splits the arguments into targets and options.</summary>
    /// <exception cref="ParameterException">An option has no name, e.g. a lone <c>--</c> or <c>--=x</c>.</exception>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var targets = new List<string>();
        var options = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        List<string>? current = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith(OptionPrefix, StringComparison.Ordinal))
            {
                current = StartOption(options, arg);
            }
            else
            {
                (current ?? targets).Add(arg);
            }
        }

        return new CommandLine(
            targets,
            options.ToDictionary(o => o.Key, o => (IReadOnlyList<string>)o.Value, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Whether the option was given, with or without values; <paramref name="option"/> may carry its dashes.</summary>
    public bool Has(string option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return Options.ContainsKey(option.TrimStart('-'));
    }

    private static List<string> StartOption(Dictionary<string, List<string>> options, string arg)
    {
        var body = arg[OptionPrefix.Length..];
        var equals = body.IndexOf('=', StringComparison.Ordinal);
        var name = equals < 0 ? body : body[..equals];
        if (name.Length == 0)
        {
            throw new ParameterException(
                $"The argument '{(equals < 0 ? arg : OptionPrefix + "=")}' has no option name. Write --name value or --name=value.");
        }

        if (!options.TryGetValue(name, out var values))
        {
            values = [];
            options[name] = values;
        }

        if (equals >= 0)
        {
            values.Add(body[(equals + 1)..]);
        }

        return values;
    }
}
