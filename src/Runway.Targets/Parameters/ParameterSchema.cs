using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Runway.Targets.Parameters;

/// <summary>Writes the JSON schema (draft-07) that editors use to check <c>.nuke/parameters*.json</c>.</summary>
public static class ParameterSchema
{
    private const string TargetDefinition = "ExecutableTarget";

    // The schema is a file on disk, never embedded in HTML, so '+' in patterns stays readable rather than \u002B.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// One property per parameter (type, nullability, description, and default unless secret), <c>$schema</c> and
    /// <c>$comment</c>, and the target names as the <c>ExecutableTarget</c> enum. Engine options (<c>--skip</c>,
    /// <c>--verbosity</c>) are command-line only, so a file cannot set them. Properties and targets are sorted, so output is stable.
    /// </summary>
    /// <param name="parameters">The discovered parameters.</param>
    /// <param name="targetNames">The build's target names.</param>
    public static string Generate(IReadOnlyList<ParameterDescriptor> parameters, IReadOnlyList<string> targetNames)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(targetNames);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("$schema", "http://json-schema.org/draft-07/schema#");
            writer.WriteString("title", "Build parameters for .nuke/parameters*.json");
            writer.WriteString("type", "object");
            WriteProperties(writer, parameters);
            writer.WriteBoolean("additionalProperties", false);
            WriteDefinitions(writer, targetNames);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteProperties(Utf8JsonWriter writer, IReadOnlyList<ParameterDescriptor> parameters)
    {
        writer.WriteStartObject("properties");
        foreach (var key in ParameterFile.ReservedKeys)
        {
            writer.WriteStartObject(key);
            writer.WriteString("type", "string");
            writer.WriteEndObject();
        }

        foreach (var parameter in parameters.OrderBy(p => p.JsonName, StringComparer.Ordinal))
        {
            writer.WriteStartObject(parameter.JsonName);
            SchemaTypes.Write(writer, parameter.Type, parameter.AllowsNull);
            writer.WriteString("description", parameter.Description);
            if (!parameter.IsSecret && parameter.DefaultValue is { } value)
            {
                writer.WritePropertyName("default");
                SchemaTypes.WriteValue(writer, value);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteDefinitions(Utf8JsonWriter writer, IReadOnlyList<string> targetNames)
    {
        writer.WriteStartObject("definitions");
        writer.WriteStartObject(TargetDefinition);
        writer.WriteString("type", "string");
        writer.WriteStartArray("enum");
        foreach (var name in targetNames.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            writer.WriteStringValue(name);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
