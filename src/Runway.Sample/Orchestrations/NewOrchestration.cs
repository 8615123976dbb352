using System.Text.Json;

namespace Runway.Sample.Orchestrations;

/// <summary>A validated request to create an orchestration.</summary>
internal sealed record NewOrchestration(string Name, JsonElement? Definition)
{
    public const int MaxNameLength = 200;

    /// <summary>Parses a JSON body <c>{"name": "...", "definition": {...}}</c>; returns an error message instead on bad input.</summary>
    public static async Task<(NewOrchestration? Value, string? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException ex)
        {
            return (null, $"The request body is not valid JSON ({ex.Message}). Send {{\"name\":\"...\",\"definition\":{{...}}}}.");
        }

        using (document)
        {
            return Validate(document.RootElement);
        }
    }

    private static (NewOrchestration?, string?) Validate(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, "The request body must be a JSON object with a \"name\" string.");
        }

        if (!root.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(name.GetString()))
        {
            return (null, "\"name\" is required: a non-empty string.");
        }

        var text = name.GetString()!.Trim();
        if (text.Length > MaxNameLength)
        {
            return (null, $"\"name\" is {text.Length} characters long; the limit is {MaxNameLength}.");
        }

        var definition = root.TryGetProperty("definition", out var value) && value.ValueKind != JsonValueKind.Null ? value.Clone() : (JsonElement?)null;
        return (new NewOrchestration(text, definition), null);
    }
}
