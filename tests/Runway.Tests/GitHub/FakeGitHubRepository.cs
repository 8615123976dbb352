using System.Globalization;
using System.Text.Json.Nodes;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static Runway.Tests.GitHub.GitHubJson;

namespace Runway.Tests.GitHub;

/// <summary>
/// Deployments, deployment statuses and issues of the test's repository, kept as state on a <see cref="GitHubApiServer"/>
/// so that create-then-find behaves as on GitHub: lists filter and paginate as GitHub's do (30 per page unless asked).
/// </summary>
public sealed class FakeGitHubRepository
{
    private readonly GitHubApiServer _api;
    private long _nextDeploymentId = 42;

    public FakeGitHubRepository(GitHubApiServer api)
    {
        _api = api;
        api.On("GET", "/deployments", request => Page(request, Deployments.AsEnumerable().Reverse().Where(d => Matches(d, request))));
        api.On("POST", "/deployments", request =>
        {
            var body = Body(request);
            var deployment = AddDeployment(body["environment"]!.GetValue<string>(), body["payload"]!["release"]!.GetValue<string>(), body["ref"]!.GetValue<string>(), body["payload"]!.DeepClone());
            return FailCreates-- > 0 ? GitHubApiServer.Reply(502, GitHubApiServer.ServerError) : GitHubApiServer.Reply(201, Serialize(deployment.DeepClone()));
        });
        Route("POST", $@"^{api.RepoPath}/deployments/\d+/statuses$", request =>
            GitHubApiServer.Reply(201, DeploymentStatus(long.Parse(request.PathSegments[^2], CultureInfo.InvariantCulture), Body(request)["state"]!.GetValue<string>(), null)));
        api.On("GET", "/issues", request => Page(request, Issues.Where(i => IssueMatches(i, request))));
        api.On("POST", "/issues", request =>
        {
            var body = Body(request);
            // GitHub silently drops the labels of a new issue when the token has no push access.
            var labels = LabelsStick ? body["labels"]?.AsArray().Select(l => l!.GetValue<string>()).ToArray() ?? [] : [];
            var issue = Issue(Issues.Count + 7, body["title"]!.GetValue<string>(), body["body"]!.GetValue<string>(), labels);
            Issues.Add(issue);
            return GitHubApiServer.Reply(201, Serialize(issue.DeepClone()));
        });
        Route("PATCH", $@"^{api.RepoPath}/issues/\d+$", request =>
        {
            var issue = Issues.Single(i => i["number"]!.GetValue<int>() == int.Parse(request.PathSegments[^1], CultureInfo.InvariantCulture));
            // As on GitHub: only the fields sent change; a field sent as null is cleared.
            foreach (var (field, value) in Body(request))
                issue[field] = value?.DeepClone();
            return GitHubApiServer.Reply(200, Serialize(issue.DeepClone()));
        });
    }

    public List<JsonObject> Deployments { get; } = [];

    public List<JsonObject> Issues { get; } = [];

    /// <summary>Whether labels sent with a new issue are kept (false: a token without push access).</summary>
    public bool LabelsStick { get; set; } = true;

    /// <summary>How many deployment creations answer 502 after creating (the answer is lost, the deployment is not).</summary>
    public int FailCreates { get; set; }

    public JsonObject AddDeployment(string environment, string release, string gitRef, JsonNode? payload = null, string sha = Sha)
    {
        var deployment = Deployment(_nextDeploymentId++, environment, release, gitRef, payload, sha);
        Deployments.Add(deployment);
        return deployment;
    }

    /// <summary>Every deployment status posted, oldest first: which deployment, state and description.</summary>
    public List<(long Deployment, string State, string Description, string? EnvironmentUrl)> Statuses() =>
        [.. _api.AllReceived().Where(r => r.Method == "POST" && r.Path.EndsWith("/statuses", StringComparison.Ordinal)).Select(r =>
        {
            var body = Body(r);
            return (long.Parse(r.PathSegments[^2], CultureInfo.InvariantCulture), body["state"]!.GetValue<string>(), body["description"]!.GetValue<string>(), body["environment_url"]?.GetValue<string>());
        })];

    private static bool Matches(JsonObject deployment, WireMock.IRequestMessage request) =>
        Filter(request, "environment", deployment["environment"]) && Filter(request, "task", deployment["task"])
        && Filter(request, "sha", deployment["sha"]) && Filter(request, "ref", deployment["ref"]);

    private static bool IssueMatches(JsonObject issue, WireMock.IRequestMessage request)
    {
        var state = Query(request, "state") ?? "open";
        var labels = Query(request, "labels")?.Split(',') ?? [];
        return (state == "all" || issue["state"]!.GetValue<string>() == state)
            && labels.All(l => issue["labels"]!.AsArray().Any(x => x!["name"]!.GetValue<string>() == l));
    }

    private static bool Filter(WireMock.IRequestMessage request, string name, JsonNode? value) =>
        Query(request, name) is not { } wanted || value?.GetValue<string>() == wanted;

    private static string? Query(WireMock.IRequestMessage request, string name) =>
        request.Query is { } query && query.TryGetValue(name, out var values) ? values.ToString() : null;

    private static WireMock.ResponseMessage Page(WireMock.IRequestMessage request, IEnumerable<JsonObject> items)
    {
        var perPage = int.Parse(Query(request, "per_page") ?? "30", CultureInfo.InvariantCulture);
        var page = int.Parse(Query(request, "page") ?? "1", CultureInfo.InvariantCulture);
        return GitHubApiServer.Reply(200, Serialize(Array(items.Skip((page - 1) * perPage).Take(perPage).Select(i => i.DeepClone().AsObject()))));
    }

    private void Route(string method, string pathPattern, Func<WireMock.IRequestMessage, WireMock.ResponseMessage> respond) =>
        _api.Server.Given(Request.Create().WithPath(new RegexMatcher(pathPattern)).UsingMethod(method)).RespondWith(Response.Create().WithCallback(respond));
}
