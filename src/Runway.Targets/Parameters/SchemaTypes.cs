using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace Runway.Targets.Parameters;

/// <summary>The JSON-schema type of a parameter, and its values written as JSON.</summary>
internal static class SchemaTypes
{
    public static void Write(Utf8JsonWriter writer, Type type, bool allowNull)
    {
        if (type.IsArray)
        {
            WriteType(writer, "array", allowNull);
            writer.WriteStartObject("items");
            WriteScalar(writer, ParameterTypes.Scalar(type), allowNull: false);
            writer.WriteEndObject();
            return;
        }

        WriteScalar(writer, ParameterTypes.Scalar(type), allowNull);
    }

    public static void WriteValue(Utf8JsonWriter writer, object value)
    {
        switch (value)
        {
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int or long:
                writer.WriteNumberValue(System.Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case double number:
                writer.WriteNumberValue(number);
                break;
            case TimeSpan span:
                writer.WriteStringValue(DurationText.Format(span));
                break;
            case string or Enum or FileSystemInfo:
                writer.WriteStringValue(value.ToString());
                break;
            case IEnumerable items:
                WriteArray(writer, items);
                break;
        }
    }

    private static void WriteArray(Utf8JsonWriter writer, IEnumerable items)
    {
        writer.WriteStartArray();
        foreach (var item in items)
        {
            if (item is null)
            {
                writer.WriteNullValue();
                continue;
            }

            WriteValue(writer, item);
        }

        writer.WriteEndArray();
    }

    private static void WriteScalar(Utf8JsonWriter writer, Type scalar, bool allowNull)
    {
        WriteType(writer, scalar.IsEnum ? "string" : JsonType(scalar), allowNull);
        if (scalar.IsEnum)
        {
            writer.WriteStartArray("enum");
            foreach (var name in Enum.GetNames(scalar))
            {
                writer.WriteStringValue(name);
            }

            if (allowNull)
            {
                writer.WriteNullValue();
            }

            writer.WriteEndArray();
            return;
        }

        if (scalar == typeof(TimeSpan))
        {
            writer.WriteString("pattern", Durations.Pattern);
        }
    }

    private static void WriteType(Utf8JsonWriter writer, string jsonType, bool allowNull)
    {
        if (!allowNull)
        {
            writer.WriteString("type", jsonType);
            return;
        }

        writer.WriteStartArray("type");
        writer.WriteStringValue(jsonType);
        writer.WriteStringValue("null");
        writer.WriteEndArray();
    }

    private static string JsonType(Type scalar) => scalar switch
    {
        _ when scalar == typeof(bool) => "boolean",
        _ when scalar == typeof(int) || scalar == typeof(long) => "integer",
        _ when scalar == typeof(double) => "number",
        _ => "string",
    };
}
