using System.Text.Json;
using System.Text.Json.Nodes;

namespace Runway.GitHub;

/// <summary>
/// A deployment as GitHub lists it, read from the raw JSON: its payload may be an object, a string or anything another
/// tool put there, so it is inspected, never cast.
/// </summary>
internal sealed record GitHubDeploymentRecord(long Id, string? Environment, JsonObject? Payload, string? Description)
{
    /// <summary>Reads one item of <c>GET /repos/{owner}/{repo}/deployments</c>.</summary>
    public static GitHubDeploymentRecord Read(JsonNode item) => new(
        item["id"]?.GetValue<long>() ?? 0,
        GitHubRest.Text(item["environment"]),
        PayloadObject(item["payload"]),
        GitHubRest.Text(item["description"]));

    /// <summary>True when this is Runway's deployment of <paramref name="release"/>.</summary>
    public bool IsRunwaysDeploymentOf(string release) =>
        GitHubRest.Text(Payload?[DeploymentTracker.ReleasePayloadKey]) == release
        // Deployments made before Runway marked its payload say so in their description.
        && (GitHubRest.Text(Payload?[DeploymentTracker.ToolPayloadKey]) == DeploymentTracker.ToolPayloadValue
            || (Description?.StartsWith("Runway:", StringComparison.Ordinal) ?? false));

    // GitHub returns a payload sent as a string as that string; it is often JSON text, sometimes not.
    private static JsonObject? PayloadObject(JsonNode? payload)
    {
        if (payload is JsonObject obj) return obj;
        if (GitHubRest.Text(payload) is not { } text) return null;
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
