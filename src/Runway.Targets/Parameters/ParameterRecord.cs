using System.Globalization;

namespace Runway.Targets.Parameters;

/// <summary>
/// The exact values a run binds, as text a person reads and the binder reads back (<c>20 s</c>, <c>true</c>,
/// <c>a,b</c>), keyed by the name used in <c>.nuke/parameters.json</c>. A set secret is <c>*****</c>; an unset value is null.
/// </summary>
internal static class ParameterRecord
{
    public static IReadOnlyDictionary<string, string?> Of(IReadOnlyList<ParameterDescriptor> parameters, object build) =>
        parameters.ToDictionary(p => p.JsonName, p => Text(p, p.GetValue(build)), StringComparer.Ordinal);

    private static string? Text(ParameterDescriptor parameter, object? value) => value switch
    {
        null => null,
        string { Length: 0 } => null,
        _ when parameter.IsSecret => Logging.SecretMasker.Mask,
        _ => Display(value),
    };

    private static string Display(object value) => value switch
    {
        bool b => b ? "true" : "false",
        TimeSpan duration => DurationText.Format(duration),
        Array items => string.Join(",", items.Cast<object?>().Select(item => item is null ? "" : Display(item))),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
