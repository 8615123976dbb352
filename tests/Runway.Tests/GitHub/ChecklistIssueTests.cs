using System.Text.Json.Nodes;
using Runway.GitHub;
using Shouldly;
using Xunit;
using static Runway.Tests.GitHub.GitHubJson;

namespace Runway.Tests.GitHub;

public sealed class ChecklistIssueTests : IDisposable
{
    private readonly GitHubApiServer _api = new();
    private readonly List<JsonObject> _issues = [];

    public ChecklistIssueTests()
    {
        _api.On("GET", "/issues", request =>
        {
            var label = request.Query!["labels"].ToString();
            var matching = _issues.Where(i => i["labels"]!.AsArray().Any(l => l!["name"]!.GetValue<string>() == label));
            return GitHubApiServer.Reply(200, Serialize(Array(matching.Select(i => i.DeepClone().AsObject()))));
        });
        _api.On("POST", "/issues", request =>
        {
            var body = Body(request);
            var issue = Issue(_issues.Count + 7, body["title"]!.GetValue<string>(), body["body"]!.GetValue<string>(), body["labels"]![0]!.GetValue<string>());
            _issues.Add(issue);
            return GitHubApiServer.Reply(201, Serialize(issue.DeepClone()));
        });
        _api.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath(new WireMock.Matchers.RegexMatcher($@"^{_api.RepoPath}/issues/\d+$")).UsingPatch())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithCallback(request =>
            {
                var issue = _issues.Single(i => i["number"]!.GetValue<int>() == int.Parse(request.PathSegments[^1]));
                var body = Body(request);
                issue["title"] = body["title"]!.GetValue<string>();
                issue["body"] = body["body"]!.GetValue<string>();
                return GitHubApiServer.Reply(200, Serialize(issue.DeepClone()));
            }));
    }

    private ChecklistIssue Checklist() => new(_api.Connect(), Serilog.Core.Logger.None);

    [Fact]
    public async Task UpsertAsync_FirstThenRerun_CreatesOnceThenUpdatesTheSameIssue()
    {
        var first = await Checklist().UpsertAsync("production/2.4.0/42", "Deploy 2.4.0 to production", "- [ ] backup-verified", CancellationToken.None);

        var second = await Checklist().UpsertAsync("production/2.4.0/42", "Deploy 2.4.0 to production", "- [x] backup-verified\n- [ ] canary-deployed", CancellationToken.None);

        first.Created.ShouldBeTrue();
        second.Created.ShouldBeFalse();
        second.Number.ShouldBe(first.Number);
        _api.Received("POST", "/issues").Count.ShouldBe(1);
        _issues.Single()["body"]!.GetValue<string>().ShouldBe("<!-- runway-deployment: production/2.4.0/42 -->\n- [x] backup-verified\n- [ ] canary-deployed");
        Body(_api.Received("POST", "/issues").Single())["labels"]![0]!.GetValue<string>().ShouldBe("runway-deployment");
        _api.Received("GET", "/issues").ShouldAllBe(r => r.Query!["state"].ToString() == "all");
    }

    [Fact]
    public async Task UpsertAsync_AnotherDeployment_GetsItsOwnIssue()
    {
        await Checklist().UpsertAsync("production/2.4.0/42", "Deploy 2.4.0", "- [ ] a", CancellationToken.None);

        var other = await Checklist().UpsertAsync("production/2.5.0/43", "Deploy 2.5.0", "- [ ] a", CancellationToken.None);

        other.Created.ShouldBeTrue();
        _issues.Count.ShouldBe(2);
    }

    [Fact]
    public void MarkerFor_KeyThatCouldCloseTheComment_IsNeutralised() =>
        ChecklistIssue.MarkerFor("prod-->x").ShouldBe("<!-- runway-deployment: prod--_x -->");

    public void Dispose() => _api.Dispose();
}
