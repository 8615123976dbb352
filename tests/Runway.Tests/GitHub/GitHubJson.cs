using System.Text.Json;
using System.Text.Json.Nodes;
using Runway.Tests.GitHub.Contract;

namespace Runway.Tests.GitHub;

/// <summary>
/// Response bodies as GitHub's REST API sends them: GitHub's own examples from its OpenAPI description with the
/// fields a test is about changed, so they satisfy the contract Prism checks.
/// </summary>
public static class GitHubJson
{
    public const string Sha = "9fceb02d0ae598e95dc970b74767f19372d61af8";
    private const string Api = "https://api.github.com/repos/acme/shop";
    private const string When = "2026-11-20T10:00:00Z";

    public static string Ref(string tag, string sha = Sha) => Serialize(RefObject(tag, sha));

    public static JsonObject RefObject(string tag, string sha = Sha, string type = "commit")
    {
        var reference = SpecExamples.Get("git-ref").AsObject();
        reference["ref"] = $"refs/tags/{tag}";
        reference["url"] = $"{Api}/git/refs/tags/{tag}";
        reference["object"] = new JsonObject { ["type"] = type, ["sha"] = sha, ["url"] = $"{Api}/git/commits/{sha}" };
        return reference;
    }

    public static string CombinedStatus(params (string Context, string State)[] statuses) =>
        Serialize(CombinedStatusPage(CombinedState(statuses.Select(s => s.State)), statuses.Length, statuses));

    /// <summary>One page of a combined status: GitHub's combined <paramref name="state"/> and <paramref name="total"/> cover every page.</summary>
    public static JsonObject CombinedStatusPage(string state, int total, IEnumerable<(string Context, string State)> statuses, int firstId = 1000)
    {
        var combined = SpecExamples.Get("combined-commit-status").AsObject();
        var template = combined["statuses"]![0]!;
        combined["state"] = state;
        combined["sha"] = Sha;
        combined["total_count"] = total;
        combined["statuses"] = Array(statuses.Select((s, i) =>
        {
            var status = template.DeepClone().AsObject();
            status["id"] = firstId + i;
            status["state"] = s.State;
            status["context"] = s.Context;
            status["description"] = $"{s.Context} {s.State}";
            return status;
        }));
        return combined;
    }

    public static string CombinedState(IEnumerable<string> states)
    {
        var all = states.ToList();
        return all.Any(s => s is "failure" or "error") ? "failure" : all.All(s => s == "success") ? "success" : "pending";
    }

    public static string CheckRuns(params (long Id, string Name, string Status, string? Conclusion)[] runs) => Serialize(CheckRunsPage(runs.Length, runs));

    public static JsonObject CheckRunsPage(int total, IEnumerable<(long Id, string Name, string Status, string? Conclusion)> runs)
    {
        var page = SpecExamples.Get("check-run-paginated").AsObject();
        var template = page["check_runs"]![0]!;
        page["total_count"] = total;
        page["check_runs"] = Array(runs.Select(r =>
        {
            var run = template.DeepClone().AsObject();
            run["id"] = r.Id;
            run["head_sha"] = Sha;
            run["name"] = r.Name;
            run["status"] = r.Status;
            run["conclusion"] = r.Conclusion;
            run["completed_at"] = r.Status == "completed" ? When : null;
            return run;
        }));
        return page;
    }

    public static string ReleaseNotes(string tag, string body)
    {
        var notes = SpecExamples.Get("release-notes-content").AsObject();
        notes["name"] = tag;
        notes["body"] = body;
        return Serialize(notes);
    }

    public static string PullRequests(params (int Number, string Title, string[] Labels)[] pulls) => Serialize(Array(pulls.Select(p =>
    {
        var pull = SpecExamples.First("pull-request-simple-items");
        var label = pull["labels"]![0]!;
        pull["id"] = 5000 + p.Number;
        pull["number"] = p.Number;
        pull["title"] = p.Title;
        pull["html_url"] = $"https://github.com/acme/shop/pull/{p.Number}";
        pull["requested_teams"] = new JsonArray(); // GitHub's example lacks a field its own schema requires
        pull["labels"] = Array(p.Labels.Select((l, i) =>
        {
            var copy = label.DeepClone().AsObject();
            copy["id"] = 700 + i;
            copy["name"] = l;
            return copy;
        }));
        return pull;
    })));

    /// <summary>A deployment as GitHub lists it; <paramref name="payload"/> defaults to Runway's own.</summary>
    public static JsonObject Deployment(long id, string environment, string release, string gitRef, JsonNode? payload = null, string sha = Sha)
    {
        var deployment = SpecExamples.Get("deployment-simple-example").AsObject();
        deployment["id"] = id;
        deployment["sha"] = sha;
        deployment["ref"] = gitRef;
        deployment["task"] = "deploy";
        deployment["payload"] = payload ?? RunwayPayload(release);
        deployment["original_environment"] = environment;
        deployment["environment"] = environment;
        deployment["description"] = $"Runway: {release} to {environment}";
        deployment["url"] = $"{Api}/deployments/{id}";
        deployment["statuses_url"] = $"{Api}/deployments/{id}/statuses";
        deployment["production_environment"] = environment == "production";
        return deployment;
    }

    public static JsonObject RunwayPayload(string release) => new() { ["release"] = release, ["tool"] = "runway" };

    public static string DeploymentStatus(long deploymentId, string state, string? description)
    {
        var status = SpecExamples.Get("deployment-status").AsObject();
        status["id"] = 9000 + deploymentId;
        status["state"] = state;
        status["description"] = description ?? "";
        status["url"] = $"{Api}/deployments/{deploymentId}/statuses/1";
        status["deployment_url"] = $"{Api}/deployments/{deploymentId}";
        return Serialize(status);
    }

    public static JsonObject Issue(int number, string title, string body, params string[] labels)
    {
        var issue = SpecExamples.Get("issue").AsObject();
        var label = issue["labels"]![0]!;
        issue["id"] = 3000 + number;
        issue["number"] = number;
        issue["title"] = title;
        issue["body"] = body;
        issue["state"] = "open";
        issue["url"] = $"{Api}/issues/{number}";
        issue["html_url"] = $"https://github.com/acme/shop/issues/{number}";
        issue["labels"] = Array(labels.Select((l, i) =>
        {
            var copy = label.DeepClone().AsObject();
            copy["id"] = 1 + i;
            copy["name"] = l;
            return copy;
        }));
        issue.Remove("pull_request");
        return issue;
    }

    public static string Serialize(JsonNode node) => node.ToJsonString();

    public static JsonArray Array(IEnumerable<JsonObject> items) => new([.. items.Cast<JsonNode>()]);

    public static JsonObject Body(WireMock.IRequestMessage request) => JsonNode.Parse(request.Body!)!.AsObject();

    public static string Indented(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
}
