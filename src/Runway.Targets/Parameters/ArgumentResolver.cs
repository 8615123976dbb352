namespace Runway.Targets.Parameters;

/// <summary>
/// Decides what the words of a command line are, knowing the targets and which options are flags, so that a
/// flag never takes a target as its value: a flag takes only an explicit <c>true</c> or <c>false</c> after it,
/// and every other word after it is a target; a value-taking option followed by a target's name is an error
/// (write <c>--name=value</c> when the value really is that word); every target word must name a target.
/// </summary>
/// <param name="targets">The build's target names.</param>
/// <param name="flags">Options that take no value: the engine's and every <c>bool</c> parameter's.</param>
/// <param name="targetLists">Options whose values are target names (<c>--target</c>, <c>--skip</c>).</param>
internal sealed class ArgumentResolver(IReadOnlyCollection<string> targets, IReadOnlySet<string> flags, IReadOnlySet<string> targetLists)
{
    /// <summary>The option whose values are targets to run, as in Nuke.</summary>
    public const string TargetOption = "target";

    /// <exception cref="ParameterException">A word is no target, or a value-taking option is followed by a target name.</exception>
    public CommandLine Resolve(CommandLine raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var named = raw.Targets.Select(word => Target(word, null)).ToList();
        var occurrences = new List<OptionOccurrence>();
        foreach (var occurrence in raw.Occurrences)
        {
            if (flags.Contains(occurrence.Name)) occurrences.Add(ResolveFlag(occurrence, named));
            else if (targetLists.Contains(occurrence.Name)) occurrences.Add(ResolveTargetList(occurrence, named));
            else occurrences.Add(CheckValues(occurrence));
        }

        return CommandLine.Resolved(named, occurrences.Where(o => !o.Name.Equals(TargetOption, StringComparison.OrdinalIgnoreCase)).ToList());
    }

    private OptionOccurrence ResolveFlag(OptionOccurrence occurrence, List<string> named)
    {
        if (occurrence.Attached is { } attached && !IsBoolean(attached))
        {
            throw new ParameterException(
                $"--{occurrence.Name}={attached} on the command line: --{occurrence.Name} takes only true or false. " +
                $"Write --{occurrence.Name}, --{occurrence.Name}=true or --{occurrence.Name}=false.");
        }

        var words = occurrence.Following;
        var value = occurrence.Attached ?? (words.Count > 0 && IsBoolean(words[0]) ? words[0].ToLowerInvariant() : null);
        var rest = occurrence.Attached is null && value is not null ? words.Skip(1) : words;
        named.AddRange(rest.Select(word => Target(word, occurrence.Name)));
        return new OptionOccurrence(occurrence.Name, value, []);
    }

    private OptionOccurrence ResolveTargetList(OptionOccurrence occurrence, List<string> named)
    {
        var names = occurrence.Values.Select(word => Target(word, null)).ToList();
        if (occurrence.Name.Equals(TargetOption, StringComparison.OrdinalIgnoreCase))
        {
            if (names.Count == 0) throw new ParameterException("--target needs a target name, e.g. --target Deploy. Run with --help to list the targets.");
            named.AddRange(names);
        }

        return new OptionOccurrence(occurrence.Name, null, names);
    }

    private OptionOccurrence CheckValues(OptionOccurrence occurrence)
    {
        var target = occurrence.Following.FirstOrDefault(IsTarget);
        if (target is not null)
        {
            throw new ParameterException(
                $"--{occurrence.Name} was followed by '{target}', which is a target, not a value for --{occurrence.Name}. " +
                $"Name targets first and give the option its value: ./build.sh {target} --{occurrence.Name} <value>. " +
                $"If '{target}' really is the value, write --{occurrence.Name}={target}.");
        }

        return occurrence;
    }

    private string Target(string word, string? afterFlag)
    {
        var match = targets.FirstOrDefault(t => t.Equals(word, StringComparison.OrdinalIgnoreCase));
        if (match is not null) return match;
        var nearest = NameSuggestions.Nearest(word, targets);
        var hint = nearest.Count > 0 ? $" Did you mean {string.Join(" or ", nearest)}?" : "";
        var context = afterFlag is null ? "" : $" (after --{afterFlag}; --{afterFlag} takes only true or false)";
        throw new ParameterException($"Target '{word}' is not defined{context}.{hint} Run with --help to list the targets.");
    }

    private bool IsTarget(string word) => targets.Contains(word, StringComparer.OrdinalIgnoreCase);

    private static bool IsBoolean(string word) =>
        word.Equals("true", StringComparison.OrdinalIgnoreCase) || word.Equals("false", StringComparison.OrdinalIgnoreCase);
}
