using System.Text.Json;

namespace Runway.Targets.Parameters;

/// <summary>Reads a JSON value as the textual items a <see cref="RawValue"/> carries.</summary>
internal static class JsonItems
{
    /// <summary>Null for JSON <c>null</c>; the items of an array; a single item for a scalar.</summary>
    public static IReadOnlyList<string>? Read(JsonElement element, ParameterDescriptor parameter, string origin) =>
        element.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.Array => element.EnumerateArray().Select(item => Scalar(item, parameter, origin)).ToList(),
            _ => [Scalar(element, parameter, origin)],
        };

    private static string Scalar(JsonElement element, ParameterDescriptor parameter, string origin) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => throw new ParameterException(
            $"Parameter '{parameter.CliName}' from {origin}: a JSON {element.ValueKind.ToString().ToLowerInvariant()} is not valid there. " +
            $"Expected {ParameterTypes.ExpectedForm(parameter.Type)}."),
    };
}
