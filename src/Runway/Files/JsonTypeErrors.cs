using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Runway.Files;

/// <summary>
/// Says what a field of a team's JSON file must be when its value has the wrong type, in the file's words ("a string",
/// "one of none, bearer"), found by walking the error's JSON path through the document's types; System.Text.Json's own
/// message names a .NET type, often the enclosing record's rather than the field's.
/// </summary>
public static partial class JsonTypeErrors
{
    /// <summary>The problem <paramref name="error"/> describes, for a file read as <paramref name="root"/>.</summary>
    public static string Describe(JsonException error, Type root)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.Path is null || !error.Message.StartsWith("The JSON value could not be converted to ", StringComparison.Ordinal))
            return error.Message;
        return FieldType(root, error.Path) is { } type ? $"the value there must be {Kind(type)}." : "the value there has the wrong type.";
    }

    private static Type? FieldType(Type root, string path)
    {
        Type? type = root;
        foreach (Match step in PathStep().Matches(path))
        {
            if (type is null) return null;
            type = step.Groups["name"].Success
                ? type.GetProperty(step.Groups["name"].Value, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType
                : ElementType(type);
            type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        }
        return type;
    }

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static string Kind(Type type) => type switch
    {
        _ when type == typeof(string) => "a string",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "a whole number",
        _ when type == typeof(double) || type == typeof(decimal) || type == typeof(float) => "a number",
        _ when type == typeof(JsonElement) => "a JSON value",
        { IsEnum: true } => "one of " + string.Join(", ", Enum.GetNames(type).Select(JsonNamingPolicy.CamelCase.ConvertName)),
        _ when typeof(IDictionary).IsAssignableFrom(type) || type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>))
            => "an object of names and values, e.g. { \"name\": \"value\" }",
        _ when typeof(IEnumerable).IsAssignableFrom(type) => "a list, e.g. [ ... ]",
        _ => "an object, e.g. { ... }",
    };

    [GeneratedRegex(@"\.(?<name>[A-Za-z_][A-Za-z0-9_]*)|\[(?<index>\d+)\]|\['(?<name>[^']+)'\]")]
    private static partial Regex PathStep();
}
