using System.Text.Json.Nodes;
using Runway.GitHub;
using Shouldly;
using Xunit;
using static Runway.Tests.GitHub.GitHubJson;

namespace Runway.Tests.GitHub;

public sealed class ChecklistIssueTests : IDisposable
{
    private readonly GitHubApiServer _api = new();
    private readonly FakeGitHubRepository _github;

    public ChecklistIssueTests() => _github = new FakeGitHubRepository(_api);

    private ChecklistIssue Checklist() => new(_api.Connect(), Serilog.Core.Logger.None);

    private JsonObject IssueNumbered(int number) => _github.Issues.Single(i => i["number"]!.GetValue<int>() == number);

    [Fact]
    public async Task UpsertAsync_FirstThenRerun_CreatesOnceThenUpdatesTheSameIssue()
    {
        var first = await Checklist().UpsertAsync("production/2.4.0/42", "Deploy 2.4.0 to production", "- [ ] backup-verified", knownNumber: null, CancellationToken.None);

        var second = await Checklist().UpsertAsync("production/2.4.0/42", "Deploy 2.4.0 to production", "- [x] backup-verified\n- [ ] canary-deployed", knownNumber: null, CancellationToken.None);

        first.Created.ShouldBeTrue();
        second.Created.ShouldBeFalse();
        second.Number.ShouldBe(first.Number);
        _api.Received("POST", "/issues").Count.ShouldBe(1);
        _github.Issues.Single()["body"]!.GetValue<string>().ShouldBe("<!-- runway-deployment: production/2.4.0/42 -->\n- [x] backup-verified\n- [ ] canary-deployed");
        Body(_api.Received("POST", "/issues").Single())["labels"]![0]!.GetValue<string>().ShouldBe("runway-deployment");
        _api.Received("GET", "/issues").ShouldAllBe(r => r.Query!["state"].ToString() == "all");
    }

    // A token without push access: GitHub drops the label silently, so a rerun that lost the issue's number must
    // find it by its marker, not by the label, or it opens a second issue.
    [Fact]
    public async Task UpsertAsync_LabelDidNotStick_RerunFindsTheIssueByItsMarker()
    {
        _github.LabelsStick = false;
        var first = await Checklist().UpsertAsync("production/2.4.0/42", "Deploy 2.4.0", "- [ ] a", knownNumber: null, CancellationToken.None);

        var rerun = await Checklist().UpsertAsync("production/2.4.0/42", "Deploy 2.4.0", "- [x] a", knownNumber: null, CancellationToken.None);

        _github.Issues.Single()["labels"]!.AsArray().ShouldBeEmpty();
        rerun.Created.ShouldBeFalse();
        rerun.Number.ShouldBe(first.Number);
        _api.Received("POST", "/issues").Count.ShouldBe(1);
    }

    [Fact]
    public async Task UpsertAsync_Update_KeepsTheMilestoneAssigneesAndLabelsPeopleSet()
    {
        var issue = await Checklist().UpsertAsync("production/2.4.0/42", "Deploy 2.4.0", "- [ ] a", knownNumber: null, CancellationToken.None);
        var onGitHub = IssueNumbered(issue.Number);
        var milestone = onGitHub["milestone"]!.ToJsonString();
        var assignees = onGitHub["assignees"]!.ToJsonString();
        onGitHub["labels"]!.AsArray().Add(onGitHub["labels"]![0]!.DeepClone().AsObject().Also(l => l["name"] = "release-2.4"));

        await Checklist().UpsertAsync("production/2.4.0/42", "Deploy 2.4.0", "- [x] a", knownNumber: issue.Number, CancellationToken.None);

        var update = Body(_api.Received("PATCH", $"/issues/{issue.Number}").Single());
        update.Select(f => f.Key).Order().ShouldBe(["body", "title"]);
        onGitHub["milestone"]!.ToJsonString().ShouldBe(milestone);
        onGitHub["assignees"]!.ToJsonString().ShouldBe(assignees);
        onGitHub["labels"]!.AsArray().Select(l => l!["name"]!.GetValue<string>()).ShouldBe(["runway-deployment", "release-2.4"]);
    }

    [Fact]
    public async Task UpsertAsync_KnownNumber_UpdatesItWithoutListingIssues()
    {
        var issue = await Checklist().UpsertAsync("production/2.4.0/42", "Deploy 2.4.0", "- [ ] a", knownNumber: null, CancellationToken.None);
        var listed = _api.Received("GET", "/issues").Count;

        var again = await Checklist().UpsertAsync("production/2.4.0/42", "Deploy 2.4.0", "- [x] a", knownNumber: issue.Number, CancellationToken.None);

        again.Number.ShouldBe(issue.Number);
        _api.Received("GET", "/issues").Count.ShouldBe(listed);
    }

    [Fact]
    public async Task UpsertAsync_IssueBeyondTheFirstPage_FoundByItsMarker()
    {
        for (var i = 0; i < 120; i++)
            _github.Issues.Add(Issue(100 + i, $"Deployment {i}", ChecklistIssue.MarkerFor($"production/1.{i}.0/{i}"), "runway-deployment"));
        _github.Issues.Add(Issue(500, "Deployment 42", ChecklistIssue.MarkerFor("production/2.4.0/42") + "\n- [ ] a", "runway-deployment"));

        var issue = await Checklist().UpsertAsync("production/2.4.0/42", "Deploy 2.4.0", "- [x] a", knownNumber: null, CancellationToken.None);

        issue.Number.ShouldBe(500);
        issue.Created.ShouldBeFalse();
        _api.Received("GET", "/issues").Select(r => r.Query!["page"].ToString()).ShouldBe(["1", "2"]);
    }

    [Fact]
    public async Task CloseAsync_DeploymentEnded_ClosesTheIssue()
    {
        var issue = await Checklist().UpsertAsync("production/2.4.0/42", "Deploy 2.4.0", "- [x] a", knownNumber: null, CancellationToken.None);

        await Checklist().CloseAsync(issue.Number, completed: true, CancellationToken.None);

        IssueNumbered(issue.Number)["state"]!.GetValue<string>().ShouldBe("closed");
        IssueNumbered(issue.Number)["state_reason"]!.GetValue<string>().ShouldBe("completed");
    }

    [Fact]
    public async Task UpsertAsync_AnotherDeployment_GetsItsOwnIssue()
    {
        await Checklist().UpsertAsync("production/2.4.0/42", "Deploy 2.4.0", "- [ ] a", knownNumber: null, CancellationToken.None);

        var other = await Checklist().UpsertAsync("production/2.5.0/43", "Deploy 2.5.0", "- [ ] a", knownNumber: null, CancellationToken.None);

        other.Created.ShouldBeTrue();
        _github.Issues.Count.ShouldBe(2);
    }

    [Fact]
    public void MarkerFor_KeyThatCouldCloseTheComment_IsNeutralised() =>
        ChecklistIssue.MarkerFor("prod-->x").ShouldBe("<!-- runway-deployment: prod--_x -->");

    public void Dispose() => _api.Dispose();
}

internal static class JsonObjectExtensions
{
    public static JsonObject Also(this JsonObject node, Action<JsonObject> change)
    {
        change(node);
        return node;
    }
}
