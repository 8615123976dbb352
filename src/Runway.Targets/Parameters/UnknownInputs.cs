namespace Runway.Targets.Parameters;

/// <summary>Rejects command-line options and JSON keys that name no parameter, suggesting the nearest ones.</summary>
internal static class UnknownInputs
{
    public static void RejectUnknownOptions(
        IReadOnlyList<ParameterDescriptor> parameters, IReadOnlySet<string> engineOptions, CommandLine commandLine)
    {
        var known = parameters.Select(p => p.CliName).Concat(engineOptions).ToList();
        var unknown = commandLine.Options.Keys.FirstOrDefault(option => !known.Contains(option, StringComparer.OrdinalIgnoreCase));
        if (unknown is not null)
        {
            var suggestions = NameSuggestions.Nearest(unknown, known).Select(name => "--" + name).ToList();
            throw new ParameterException(
                $"Unknown option --{unknown} on the command line.{DidYouMean(suggestions)} Run with --help to list the options.");
        }
    }

    /// <summary>A misspelt <c>RUNWAY_VERSON</c> would otherwise leave the default in force without a word.</summary>
    public static void RejectUnknownVariables(
        IReadOnlyList<ParameterDescriptor> parameters, IReadOnlyList<string> accepted, IEnumerable<string> variables)
    {
        var known = parameters.Select(p => p.EnvironmentName).Concat(accepted).ToList();
        var unknown = variables
            .Where(name => name.StartsWith(ParameterNames.EnvironmentPrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .FirstOrDefault(name => !known.Contains(name, StringComparer.Ordinal));
        if (unknown is not null)
        {
            var suggestions = NameSuggestions.Nearest(unknown, parameters.Select(p => p.EnvironmentName));
            throw new ParameterException(
                $"Unknown environment variable {unknown}: no parameter has that name.{DidYouMean(suggestions)} " +
                "Rename or unset it (env -u NAME); run with --help to list the parameters (RUNWAY_ plus the name in UPPER_SNAKE_CASE).");
        }
    }

    /// <summary>A key the engine would not honour is an error: engine options (<c>Skip</c>, <c>Verbosity</c>) are command-line only.</summary>
    public static void RejectUnknownKeys(
        IReadOnlyList<ParameterDescriptor> parameters, IReadOnlySet<string> engineOptions, IReadOnlyList<ParameterFile> files)
    {
        var names = parameters.Select(p => p.JsonName).ToList();
        foreach (var file in files)
        {
            var unknown = file.Keys.FirstOrDefault(key => !names.Contains(key, StringComparer.OrdinalIgnoreCase));
            var option = engineOptions.FirstOrDefault(o => ParameterNames.Pascal(o).Equals(unknown, StringComparison.OrdinalIgnoreCase));
            if (option is not null)
            {
                throw new ParameterException(
                    $"Key \"{unknown}\" in {file.DisplayPath}: --{option} is an option of the command line, not a parameter, so a file cannot set it. " +
                    $"Remove the key and pass --{option} when you run the build.");
            }

            if (unknown is not null)
            {
                throw new ParameterException(
                    $"Unknown key \"{unknown}\" in {file.DisplayPath}: no parameter has that name." +
                    $"{DidYouMean(NameSuggestions.Nearest(unknown, names).Select(n => $"\"{n}\"").ToList())} " +
                    "Keys are the parameters' PascalCase names; see .nuke/build.schema.json.");
            }
        }
    }

    public static void RejectEngineOptionClashes(IReadOnlyList<ParameterDescriptor> parameters, IReadOnlySet<string> engineOptions)
    {
        var clash = parameters.FirstOrDefault(p => engineOptions.Contains(p.CliName, StringComparer.OrdinalIgnoreCase));
        if (clash is not null)
        {
            throw new ParameterException(
                $"Parameter {clash.MemberName} maps to --{clash.CliName}, which the engine already uses. " +
                "Rename it, or give it [Parameter(Name = ...)].");
        }
    }

    private static string DidYouMean(IReadOnlyList<string> suggestions) =>
        suggestions.Count == 0 ? "" : $" Did you mean {string.Join(" or ", suggestions)}?";
}
