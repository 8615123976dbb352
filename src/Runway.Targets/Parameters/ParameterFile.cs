using System.Text.Json;

namespace Runway.Targets.Parameters;

/// <summary>One <c>.nuke/parameters*.json</c> file: its values keyed by JSON name, as text.</summary>
internal sealed class ParameterFile
{
    /// <summary>Keys that are no parameter: the schema reference, and <c>$comment</c>, the place for a note (JSON has no comments).</summary>
    public static readonly IReadOnlyList<string> ReservedKeys = ["$schema", "$comment"];

    // Strict JSON, as the schema and every JSON editor read it: no comments, no trailing commas.
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    private readonly IReadOnlyDictionary<string, JsonElement> _values;

    private ParameterFile(string displayPath, ParameterSource source, IReadOnlyDictionary<string, JsonElement> values)
    {
        DisplayPath = displayPath;
        Source = source;
        _values = values;
    }

    /// <summary>The path relative to the root directory, with forward slashes, e.g. <c>.nuke/parameters.json</c>.</summary>
    public string DisplayPath { get; }

    public ParameterSource Source { get; }

    public IEnumerable<string> Keys => _values.Keys;

    public static ParameterFile Load(string rootDirectory, string displayPath, ParameterSource source)
    {
        using var document = Parse(File.ReadAllText(Path.Combine(rootDirectory, displayPath)), displayPath);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new ParameterException(
                $"{displayPath} must hold a JSON object such as {{ \"BakeTime\": \"5m\" }}; " +
                $"it holds a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}.");
        }

        var values = document.RootElement.EnumerateObject()
            .Where(property => !ReservedKeys.Contains(property.Name, StringComparer.Ordinal))
            .GroupBy(property => property.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => group.Last().Value.Clone(), StringComparer.OrdinalIgnoreCase);
        return new ParameterFile(displayPath, source, values);
    }

    /// <summary>The value for a parameter, or null when the file does not set it.</summary>
    public RawValue? Find(ParameterDescriptor parameter)
    {
        if (!_values.TryGetValue(parameter.JsonName, out var element))
        {
            return null;
        }

        var origin = $"{parameter.JsonName} in {DisplayPath}";
        return new RawValue(JsonItems.Read(element, parameter, origin), Source, origin);
    }

    // JsonException's message quotes the offending text, which may be part of a secret: report the position only.
    private static JsonDocument Parse(string json, string displayPath)
    {
        try
        {
            return JsonDocument.Parse(json, Options);
        }
        catch (JsonException error)
        {
            var line = json.Split('\n').ElementAtOrDefault((int)(error.LineNumber ?? 0)) ?? "";
            var hint = line.TrimStart().StartsWith('/')
                ? " Parameter files are plain JSON, without comments: write the note as a \"$comment\": \"...\" entry."
                : " Fix the syntax there.";
            throw new ParameterException(
                $"{displayPath} is not valid JSON: the error is at line {error.LineNumber + 1}, " +
                $"position {error.BytePositionInLine + 1}.{hint}");
        }
    }
}
