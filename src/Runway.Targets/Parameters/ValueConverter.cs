using System.Globalization;

namespace Runway.Targets.Parameters;

/// <summary>Turns a <see cref="RawValue"/> into a value of the parameter's type, or explains why it cannot.</summary>
internal sealed class ValueConverter(string rootDirectory)
{
    public object? Convert(ParameterDescriptor parameter, RawValue raw)
    {
        if (raw.Items is null)
        {
            return parameter.AllowsNull
                ? null
                : throw Failure(parameter, raw, "null");
        }

        if (parameter.Type.IsArray)
        {
            return ConvertArray(parameter, raw, raw.Items);
        }

        if (raw.Items.Count != 1)
        {
            throw new ParameterException(
                $"Parameter '{parameter.CliName}' from {raw.Origin} got {raw.Items.Count} values but takes exactly one: " +
                $"{ParameterTypes.ExpectedForm(parameter.Type)}.");
        }

        return ConvertScalar(parameter, raw, raw.Items[0]);
    }

    private Array ConvertArray(ParameterDescriptor parameter, RawValue raw, IReadOnlyList<string> items)
    {
        var array = Array.CreateInstance(parameter.Type.GetElementType()!, items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            array.SetValue(ConvertScalar(parameter, raw, items[i]), i);
        }

        return array;
    }

    private object ConvertScalar(ParameterDescriptor parameter, RawValue raw, string text) =>
        TryConvert(ParameterTypes.Scalar(parameter.Type), text) ?? throw Failure(parameter, raw, text);

    private object? TryConvert(Type scalar, string text) => scalar switch
    {
        _ when scalar == typeof(string) => text,
        _ when scalar == typeof(bool) => ParseBool(text),
        _ when scalar == typeof(int) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null,
        _ when scalar == typeof(long) => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : null,
        _ when scalar == typeof(double) => ParseDouble(text),
        _ when scalar == typeof(TimeSpan) => Durations.TryParse(text, out var span) ? span : null,
        _ when scalar == typeof(FileInfo) => string.IsNullOrWhiteSpace(text) ? null : new FileInfo(Path.GetFullPath(text, rootDirectory)),
        _ when scalar == typeof(DirectoryInfo) => string.IsNullOrWhiteSpace(text) ? null : new DirectoryInfo(Path.GetFullPath(text, rootDirectory)),
        _ when scalar.IsEnum => ParseEnum(scalar, text),
        _ => null,
    };

    private static object? ParseBool(string text) => text.Trim().ToLowerInvariant() switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => null,
    };

    private static object? ParseDouble(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null;

    // Enum.TryParse also accepts numbers and comma lists; a parameter takes exactly one declared name.
    private static object? ParseEnum(Type scalar, string text)
    {
        var name = Enum.GetNames(scalar).FirstOrDefault(n => n.Equals(text.Trim(), StringComparison.OrdinalIgnoreCase));
        return name is null ? null : Enum.Parse(scalar, name);
    }

    private static ParameterException Failure(ParameterDescriptor parameter, RawValue raw, string text)
    {
        var shown = parameter.IsSecret ? "the value (hidden: the parameter is secret)" : $"'{text}'";
        return new ParameterException(
            $"Parameter '{parameter.CliName}' from {raw.Origin}: {shown} is not valid. " +
            $"Expected {ParameterTypes.ExpectedForm(parameter.Type)}.");
    }
}
