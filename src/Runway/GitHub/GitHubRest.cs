using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Octokit;

namespace Runway.GitHub;

/// <summary>
/// Plain JSON calls through Octokit's connection (same auth, User-Agent, base URL and error types), for answers
/// Octokit's models cannot hold (a deployment payload may be any JSON) and bodies they would get wrong
/// (Octokit's issue update always sends <c>"milestone": null</c>).
/// </summary>
internal static class GitHubRest
{
    /// <summary>GitHub's largest page.</summary>
    public const int PageSize = 100;

    /// <summary>GETs <paramref name="path"/> (relative to the API base) and parses the answer.</summary>
    public static async Task<JsonNode> GetAsync(IGitHubClient client, string path, IDictionary<string, string>? query = null)
    {
        var response = await client.Connection.GetRaw(new Uri(path, UriKind.Relative), query ?? new Dictionary<string, string>()).ConfigureAwait(false);
        // Octokit keeps a JSON answer as text and anything else as bytes.
        var parsed = response.HttpResponse.Body switch
        {
            string text when text.Length > 0 => JsonNode.Parse(text),
            byte[] bytes when bytes.Length > 0 => JsonNode.Parse(bytes),
            _ => null,
        };
        return parsed ?? throw new JsonException($"GitHub answered GET {path} with an empty body.");
    }

    /// <summary>
    /// Every item of a paginated list, page after page until a page is short (or <paramref name="total"/> says all were
    /// read). <paramref name="items"/> picks the list out of a page (the page itself, or a field such as <c>check_runs</c>).
    /// </summary>
    public static async Task<(List<JsonNode> Items, JsonNode? FirstPage)> GetAllAsync(IGitHubClient client, string path, IDictionary<string, string> query,
        Func<JsonNode, JsonArray> items, Func<JsonNode, int?>? total = null)
    {
        var all = new List<JsonNode>();
        JsonNode? first = null;
        for (var page = 1; ; page++)
        {
            var pageQuery = new Dictionary<string, string>(query) { ["per_page"] = PageSize.ToString(CultureInfo.InvariantCulture), ["page"] = page.ToString(CultureInfo.InvariantCulture) };
            var answer = await GetAsync(client, path, pageQuery).ConfigureAwait(false);
            first ??= answer;
            var pageItems = items(answer);
            all.AddRange(pageItems.OfType<JsonNode>());
            if (pageItems.Count < PageSize || (total?.Invoke(first) is { } count && all.Count >= count))
                return (all, first);
        }
    }

    /// <summary>Sends exactly <paramref name="body"/> (no field added or dropped) and returns Octokit's model of the answer.</summary>
    public static async Task<T> PatchAsync<T>(IGitHubClient client, string path, JsonObject body)
    {
        // A string body is sent as it is: Octokit serialises only objects.
        var response = await client.Connection.Patch<T>(new Uri(path, UriKind.Relative), body.ToJsonString()).ConfigureAwait(false);
        return response.Body;
    }

    /// <summary>POSTs exactly <paramref name="body"/> and returns Octokit's model of the answer.</summary>
    public static async Task<T> PostAsync<T>(IGitHubClient client, string path, JsonObject body)
    {
        var response = await client.Connection.Post<T>(new Uri(path, UriKind.Relative), body.ToJsonString(), "application/vnd.github+json", "application/json").ConfigureAwait(false);
        return response.Body;
    }

    /// <summary>The text of a JSON string or number (payloads written by other tools may use either), else null.</summary>
    public static string? Text(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.ToJsonString(),
            _ => null,
        }
        : null;
}
