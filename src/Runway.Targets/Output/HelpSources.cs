using Runway.Targets.Parameters;

namespace Runway.Targets.Output;

/// <summary>
/// Where <c>--help</c> says a parameter's value comes from, in a few words: the file (<c>.nuke/parameters.local.json</c>),
/// the variable (<c>RUNWAY_BAKE_TIME</c>) or the option (<c>--bake-time</c>). Parameters left at the code's default are absent.
/// </summary>
internal static class HelpSources
{
    public static IReadOnlyDictionary<string, string> Of(BoundParameters bound) =>
        bound.Parameters
            .Where(p => bound.Sources.GetValueOrDefault(p.MemberName) is not ParameterSource.Default)
            .ToDictionary(p => p.MemberName, p => Short(p, bound), StringComparer.Ordinal);

    private static string Short(ParameterDescriptor parameter, BoundParameters bound) => bound.Sources[parameter.MemberName] switch
    {
        ParameterSource.Environment => parameter.EnvironmentName,
        ParameterSource.CommandLine => $"--{parameter.CliName}",
        _ => FilePath(parameter, bound.Origins?.GetValueOrDefault(parameter.MemberName) ?? "a parameter file"),
    };

    // A file's origin reads "BakeTime in .nuke/parameters.json": the key is already the row's own name.
    private static string FilePath(ParameterDescriptor parameter, string origin)
    {
        var prefix = $"{parameter.JsonName} in ";
        return origin.StartsWith(prefix, StringComparison.Ordinal) ? origin[prefix.Length..] : origin;
    }
}
