namespace Runway.Targets.Parameters;

/// <summary>
/// Sets a build's <c>[Parameter]</c> members from, strongest first: the command line (<c>--kebab-case</c>), the
/// environment (<c>RUNWAY_UPPER_SNAKE</c> only), the profile files named by <c>--profile</c> (later wins; none named:
/// the build's <see cref="BuildBase.DefaultProfiles"/> that exist),
/// <c>.nuke/parameters.json</c>; members no source sets keep their initialiser.
/// </summary>
/// <param name="rootDirectory">The folder holding <c>.nuke/</c>; relative paths resolve against it.</param>
/// <param name="environment">The process environment.</param>
/// <param name="engineOptions">
/// Options the engine itself handles (e.g. <c>help</c>, <c>plan</c>, <c>skip</c>, <c>profile</c>): accepted on the command
/// line, and as PascalCase keys in the JSON files, without binding them. The binder reads <c>--profile</c> itself.
/// </param>
/// <param name="acceptedVariables">
/// <c>RUNWAY_*</c> environment variables that are no parameter but are read by the build or its tools; any other
/// <c>RUNWAY_*</c> variable that names no parameter is rejected like an unknown option.
/// </param>
public sealed class ParameterBinder(
    string rootDirectory,
    IReadOnlyDictionary<string, string> environment,
    IReadOnlySet<string> engineOptions,
    IEnumerable<string>? acceptedVariables = null)
{
    private readonly IReadOnlyList<string> _acceptedVariables = acceptedVariables?.ToList() ?? [];

    // The binder reads --profile itself, so it is always a known option even if the engine forgets to list it.
    private readonly HashSet<string> _engineOptions =
        new(engineOptions.Append(ParameterFiles.ProfileOption), StringComparer.OrdinalIgnoreCase);

    /// <summary>Binds every parameter of <paramref name="build"/>, or changes nothing and throws.</summary>
    /// <exception cref="ParameterException">
    /// An unknown option or JSON key, a missing profile, malformed JSON, or a value that does not convert.
    /// </exception>
    public BoundParameters Bind(object build, CommandLine commandLine)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(commandLine);
        var parameters = ParameterDiscovery.Discover(build.GetType(), build);
        UnknownInputs.RejectEngineOptionClashes(parameters, _engineOptions);
        UnknownInputs.RejectUnknownOptions(parameters, _engineOptions, commandLine);
        UnknownInputs.RejectUnknownVariables(parameters, _acceptedVariables, environment.Keys);
        var files = ParameterFiles.Load(rootDirectory, commandLine, (build as BuildBase)?.DefaultProfiles ?? []);
        UnknownInputs.RejectUnknownKeys(parameters, _engineOptions, files);

        var bound = Convert(parameters, new ValueSources(commandLine, environment, files));
        foreach (var (parameter, value, _, _) in bound)
        {
            parameter.SetValue(build, value);
        }

        return new BoundParameters(
            parameters,
            SecretText.Of(parameters.Where(p => p.IsSecret).Select(p => p.GetValue(build)).Where(IsMeaningful)),
            SourcesOf(parameters, bound),
            bound.ToDictionary(b => b.Parameter.MemberName, b => b.Origin, StringComparer.Ordinal));
    }

    // Everything converts before anything is set, so a bad value leaves the build untouched.
    private List<BoundValue> Convert(IReadOnlyList<ParameterDescriptor> parameters, ValueSources sources)
    {
        var converter = new ValueConverter(rootDirectory);
        var bound = new List<BoundValue>();
        foreach (var parameter in parameters)
        {
            if (sources.Strongest(parameter) is { } raw)
            {
                bound.Add(new BoundValue(parameter, converter.Convert(parameter, raw), raw.Source, raw.Origin));
            }
        }

        return bound;
    }

    private static Dictionary<string, ParameterSource> SourcesOf(
        IReadOnlyList<ParameterDescriptor> parameters, IReadOnlyList<BoundValue> bound)
    {
        var sources = parameters.ToDictionary(p => p.MemberName, _ => ParameterSource.Default, StringComparer.Ordinal);
        foreach (var value in bound)
        {
            sources[value.Parameter.MemberName] = value.Source;
        }

        return sources;
    }

    // A zero or false is no secret, and masking it would blank every 0 in the log.
    private static bool IsMeaningful(object? value) =>
        value is not null && !(value.GetType().IsValueType && value.Equals(Activator.CreateInstance(value.GetType())));

    private sealed record BoundValue(ParameterDescriptor Parameter, object? Value, ParameterSource Source, string Origin);
}
