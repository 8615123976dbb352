using System.Text.Json.Nodes;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static Runway.Tests.GitHub.GitHubJson;

namespace Runway.Tests.GitHub;

/// <summary>
/// Deployments, deployment statuses and issues of acme/shop, kept as state on a <see cref="GitHubApiServer"/>
/// so that create-then-find behaves as on GitHub.
/// </summary>
public sealed class FakeGitHubRepository
{
    private readonly GitHubApiServer _api;
    private long _nextDeploymentId = 42;

    public FakeGitHubRepository(GitHubApiServer api)
    {
        _api = api;
        api.On("GET", "/deployments", _ => GitHubApiServer.Reply(200, Serialize(Array(Deployments.AsEnumerable().Reverse().Select(d => d.DeepClone().AsObject())))));
        api.On("POST", "/deployments", request =>
        {
            var body = Body(request);
            var deployment = AddDeployment(body["environment"]!.GetValue<string>(), body["payload"]!["release"]!.GetValue<string>(), body["ref"]!.GetValue<string>());
            return GitHubApiServer.Reply(201, Serialize(deployment.DeepClone()));
        });
        Route("POST", $@"^{api.RepoPath}/deployments/\d+/statuses$", request =>
            GitHubApiServer.Reply(201, DeploymentStatus(long.Parse(request.PathSegments[^2]), Body(request)["state"]!.GetValue<string>(), null)));
        api.On("GET", "/issues", _ => GitHubApiServer.Reply(200, Serialize(Array(Issues.Select(i => i.DeepClone().AsObject())))));
        api.On("POST", "/issues", request =>
        {
            var body = Body(request);
            var issue = Issue(Issues.Count + 7, body["title"]!.GetValue<string>(), body["body"]!.GetValue<string>(), body["labels"]![0]!.GetValue<string>());
            Issues.Add(issue);
            return GitHubApiServer.Reply(201, Serialize(issue.DeepClone()));
        });
        Route("PATCH", $@"^{api.RepoPath}/issues/\d+$", request =>
        {
            var issue = Issues.Single(i => i["number"]!.GetValue<int>() == int.Parse(request.PathSegments[^1]));
            var body = Body(request);
            issue["title"] = body["title"]!.GetValue<string>();
            issue["body"] = body["body"]!.GetValue<string>();
            return GitHubApiServer.Reply(200, Serialize(issue.DeepClone()));
        });
    }

    public List<JsonObject> Deployments { get; } = [];

    public List<JsonObject> Issues { get; } = [];

    public JsonObject AddDeployment(string environment, string release, string gitRef)
    {
        var deployment = Deployment(_nextDeploymentId++, environment, release, gitRef);
        Deployments.Add(deployment);
        return deployment;
    }

    /// <summary>Every deployment status posted, oldest first: which deployment, state and description.</summary>
    public List<(long Deployment, string State, string Description, string? EnvironmentUrl)> Statuses() =>
        [.. _api.AllReceived().Where(r => r.Method == "POST" && r.Path.EndsWith("/statuses", StringComparison.Ordinal)).Select(r =>
        {
            var body = Body(r);
            return (long.Parse(r.PathSegments[^2]), body["state"]!.GetValue<string>(), body["description"]!.GetValue<string>(), body["environment_url"]?.GetValue<string>());
        })];

    private void Route(string method, string pathPattern, Func<WireMock.IRequestMessage, WireMock.ResponseMessage> respond) =>
        _api.Server.Given(Request.Create().WithPath(new RegexMatcher(pathPattern)).UsingMethod(method)).RespondWith(Response.Create().WithCallback(respond));
}
