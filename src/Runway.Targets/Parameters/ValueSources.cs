namespace Runway.Targets.Parameters;

/// <summary>Finds the strongest source that sets a parameter: command line, environment, profiles, parameters.json.</summary>
internal sealed class ValueSources(
    CommandLine commandLine,
    IReadOnlyDictionary<string, string> environment,
    IReadOnlyList<ParameterFile> filesWeakestFirst)
{
    /// <summary>The raw value from the strongest source, or null when only the default applies.</summary>
    public RawValue? Strongest(ParameterDescriptor parameter) =>
        FromCommandLine(parameter)
        ?? FromEnvironment(parameter)
        ?? filesWeakestFirst.Reverse().Select(file => file.Find(parameter)).FirstOrDefault(raw => raw is not null);

    private RawValue? FromCommandLine(ParameterDescriptor parameter)
    {
        if (!commandLine.Options.TryGetValue(parameter.CliName, out var values))
        {
            return null;
        }

        var isFlag = values.Count == 0 && ParameterTypes.Scalar(parameter.Type) == typeof(bool) && !parameter.Type.IsArray;
        return new RawValue(isFlag ? ["true"] : values, ParameterSource.CommandLine, $"--{parameter.CliName} on the command line");
    }

    // Only the RUNWAY_ name is looked up, so ambient variables such as VERSION or ENVIRONMENT never bind.
    // An empty variable counts as unset: CI systems expand missing secrets to empty strings.
    private RawValue? FromEnvironment(ParameterDescriptor parameter)
    {
        if (!environment.TryGetValue(parameter.EnvironmentName, out var text) || string.IsNullOrEmpty(text))
        {
            return null;
        }

        IReadOnlyList<string> items = parameter.Type.IsArray
            ? text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : [text];
        return new RawValue(items, ParameterSource.Environment, $"{parameter.EnvironmentName} in the environment");
    }
}
