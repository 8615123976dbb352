using System.Text.Json;
using System.Text.Json.Nodes;

namespace Runway.Tests.GitHub;

/// <summary>Response bodies shaped as GitHub's REST API sends them (the fields Octokit reads, plus some it ignores).</summary>
public static class GitHubJson
{
    public const string Sha = "9fceb02d0ae598e95dc970b74767f19372d61af8";
    private const string Api = "https://api.github.com/repos/acme/shop";
    private const string When = "2026-11-20T10:00:00Z";

    public static string Ref(string tag, string sha = Sha) => Serialize(new JsonObject
    {
        ["ref"] = $"refs/tags/{tag}",
        ["node_id"] = "MDM6UmVmcmVmcy90YWdzL3Yy",
        ["url"] = $"{Api}/git/refs/tags/{tag}",
        ["object"] = new JsonObject { ["type"] = "commit", ["sha"] = sha, ["url"] = $"{Api}/git/commits/{sha}" },
    });

    public static string CombinedStatus(params (string Context, string State)[] statuses) => Serialize(new JsonObject
    {
        ["state"] = statuses.All(s => s.State == "success") ? "success" : statuses.Any(s => s.State is "failure" or "error") ? "failure" : "pending",
        ["sha"] = Sha,
        ["total_count"] = statuses.Length,
        ["statuses"] = Array(statuses.Select((s, i) => new JsonObject
        {
            ["id"] = 1000 + i, ["node_id"] = $"SC_{i}", ["state"] = s.State, ["context"] = s.Context,
            ["description"] = $"{s.Context} {s.State}", ["target_url"] = $"https://ci.example.com/{i}",
            ["url"] = $"{Api}/statuses/{Sha}", ["created_at"] = When, ["updated_at"] = When,
        })),
        ["commit_url"] = $"{Api}/commits/{Sha}",
        ["url"] = $"{Api}/commits/{Sha}/status",
    });

    public static string CheckRuns(params (long Id, string Name, string Status, string? Conclusion)[] runs) => Serialize(new JsonObject
    {
        ["total_count"] = runs.Length,
        ["check_runs"] = Array(runs.Select(r => new JsonObject
        {
            ["id"] = r.Id, ["head_sha"] = Sha, ["node_id"] = $"CR_{r.Id}", ["external_id"] = "", ["name"] = r.Name,
            ["status"] = r.Status, ["conclusion"] = r.Conclusion, ["started_at"] = When,
            ["completed_at"] = r.Status == "completed" ? When : null,
            ["url"] = $"{Api}/check-runs/{r.Id}", ["html_url"] = $"https://github.com/acme/shop/runs/{r.Id}",
            ["details_url"] = $"https://github.com/acme/shop/runs/{r.Id}",
            ["output"] = new JsonObject { ["title"] = null, ["summary"] = null, ["text"] = null, ["annotations_count"] = 0 },
            ["pull_requests"] = new JsonArray(),
        })),
    });

    public static string ReleaseNotes(string tag, string body) => Serialize(new JsonObject { ["name"] = tag, ["body"] = body });

    public static string PullRequests(params (int Number, string Title, string[] Labels)[] pulls) => Serialize(Array(pulls.Select(p => new JsonObject
    {
        ["id"] = 5000 + p.Number, ["node_id"] = $"PR_{p.Number}", ["number"] = p.Number, ["state"] = "open", ["title"] = p.Title,
        ["body"] = "", ["locked"] = false, ["draft"] = false,
        ["url"] = $"{Api}/pulls/{p.Number}", ["html_url"] = $"https://github.com/acme/shop/pull/{p.Number}",
        ["user"] = User(),
        ["labels"] = Array(p.Labels.Select((l, i) => new JsonObject { ["id"] = 700 + i, ["node_id"] = $"LA_{i}", ["name"] = l, ["color"] = "d73a4a", ["default"] = false })),
        ["created_at"] = When, ["updated_at"] = When,
    })));

    public static JsonObject Deployment(long id, string environment, string release, string gitRef) => new()
    {
        ["id"] = id, ["node_id"] = $"DE_{id}", ["sha"] = Sha, ["ref"] = gitRef, ["task"] = "deploy",
        ["payload"] = new JsonObject { ["release"] = release },
        ["original_environment"] = environment, ["environment"] = environment,
        ["description"] = $"Runway: {release} to {environment}", ["creator"] = User(),
        ["created_at"] = When, ["updated_at"] = When,
        ["url"] = $"{Api}/deployments/{id}", ["statuses_url"] = $"{Api}/deployments/{id}/statuses", ["repository_url"] = Api,
        ["transient_environment"] = false, ["production_environment"] = environment == "production",
    };

    public static string DeploymentStatus(long deploymentId, string state, string? description) => Serialize(new JsonObject
    {
        ["id"] = 9000 + deploymentId, ["node_id"] = "DES_1", ["state"] = state, ["creator"] = User(), ["description"] = description,
        ["environment"] = "production", ["target_url"] = "", ["log_url"] = "", ["environment_url"] = "",
        ["created_at"] = When, ["updated_at"] = When,
        ["url"] = $"{Api}/deployments/{deploymentId}/statuses/1", ["deployment_url"] = $"{Api}/deployments/{deploymentId}", ["repository_url"] = Api,
    });

    public static JsonObject Issue(int number, string title, string body, string label) => new()
    {
        ["id"] = 3000 + number, ["node_id"] = $"I_{number}", ["number"] = number, ["title"] = title, ["body"] = body, ["state"] = "open",
        ["url"] = $"{Api}/issues/{number}", ["html_url"] = $"https://github.com/acme/shop/issues/{number}",
        ["user"] = User(), ["labels"] = Array([new JsonObject { ["id"] = 1, ["name"] = label, ["color"] = "0e8a16" }]),
        ["comments"] = 0, ["locked"] = false, ["created_at"] = When, ["updated_at"] = When,
    };

    public static string Serialize(JsonNode node) => node.ToJsonString();

    public static JsonArray Array(IEnumerable<JsonObject> items) => new([.. items.Cast<JsonNode>()]);

    public static JsonObject Body(WireMock.IRequestMessage request) => JsonNode.Parse(request.Body!)!.AsObject();

    private static JsonObject User() => new() { ["login"] = "runway-bot", ["id"] = 1, ["node_id"] = "U_1", ["type"] = "Bot", ["site_admin"] = false };

    public static string Indented(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
}
