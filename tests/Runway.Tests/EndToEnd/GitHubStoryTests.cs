using System.Text.Json.Nodes;
using Runway.Tests.EndToEnd.Support;
using Runway.Tests.GitHub;
using Shouldly;
using Xunit;
using static Runway.Tests.GitHub.GitHubJson;

namespace Runway.Tests.EndToEnd;

/// <summary>
/// A team with GitHub on, through <c>./build.sh</c>: the adopting repository's GitHub API is Prism validating every
/// request and answer against GitHub's published OpenAPI description, in front of a stand-in that keeps the repository's
/// deployments and issues. Two releases are deployed and on-call rolls the second back; GitHub shows one deployment per
/// release with a status per phase, each checklist issue closed, and the rollback on both deployments.
/// </summary>
[Collection(EndToEndCollections.Releases)]
public sealed class GitHubStoryTests : IAsyncLifetime
{
    private static readonly string[] Phases = ["Preparation", "Canary", "Rollout50", "RolloutFull", "Migration", "Validation"];

    private readonly GitHubApiServer _api = new();
    private FakeGitHubRepository _github = null!;
    private AdoptingRepository _repository = null!;
    private string _sha = "";

    public async Task InitializeAsync()
    {
        _github = new FakeGitHubRepository(_api);
        _repository = await AdoptingRepository.CreateAsync("github", new Dictionary<string, JsonNode?>
        {
            ["GitHubRepository"] = _api.Repository,
            ["GitHubApiUrl"] = _api.Options().ApiBaseUrl.ToString(),
        });
        _sha = await _repository.HeadShaAsync();
        GreenRepository("v1.0.0", "v1.1.0");
    }

    public async Task DisposeAsync()
    {
        // Down with the token: without it GitHub is half configured and every target, Down included, refuses to start,
        // which left this story's routers and replicas running after it.
        await _repository.RunWithEnvironmentAsync(new Dictionary<string, string> { ["RUNWAY_GITHUB_TOKEN"] = GitHubApiServer.Token }, "Down", "--force");
        await _repository.DisposeAsync();
        _api.Dispose();
    }

    [Fact]
    public async Task DeployTwoReleasesAndRollBack_GitHubShowsEachDeploymentItsPhasesTheRollbackAndClosedChecklists()
    {
        await FirstRelease_OneDeploymentWithAStatusPerPhase_ChecklistIssueClosedCompleted();
        await SecondRelease_ItsOwnDeployment_TheFirstIsNotTouched();
        await OnCallRollback_MarksTheRolledBackDeploymentAndMakesThePreviousActiveAgain();

        _api.Violations.ShouldBeEmpty("every request Runway sent, and every answer, conforms to GitHub's OpenAPI description");
    }

    private async Task FirstRelease_OneDeploymentWithAStatusPerPhase_ChecklistIssueClosedCompleted()
    {
        (await RunAsync("Deploy")).ShouldSucceed("(a) Deploy 1.0.0 with GitHub on")
            .ShouldSay("GitHub deployment 42 for 1.0.0 to local (created)", "(a)");

        var create = Body(_api.Received("POST", "/deployments").ShouldHaveSingleItem("(a) one GitHub deployment for the release"));
        create["ref"]!.GetValue<string>().ShouldBe(_sha, "(a) the release commit");
        create["environment"]!.GetValue<string>().ShouldBe("local");
        create["task"]!.GetValue<string>().ShouldBe("deploy");
        create["payload"]!.ToJsonString().ShouldBe("""{"release":"1.0.0","tool":"runway"}""");
        StatusesOf(42).ShouldBe([.. Phases.Select(p => $"in_progress {p} running"), "success 1.0.0 deployed"], "(a) a status per phase, then success");

        var issue = _github.Issues.ShouldHaveSingleItem("(a) one checklist issue for the deployment");
        issue["title"]!.GetValue<string>().ShouldStartWith("Deployment ");
        issue["title"]!.GetValue<string>().ShouldEndWith(": 1.0.0 to local");
        issue["body"]!.GetValue<string>().ShouldContain("- [x]", Case.Sensitive, "(a) the issue holds the live checklist");
        (issue["state"]!.GetValue<string>(), issue["state_reason"]?.GetValue<string>()).ShouldBe(("closed", "completed"), "(a) closed when the deployment succeeded");
    }

    private async Task SecondRelease_ItsOwnDeployment_TheFirstIsNotTouched()
    {
        var firstStatuses = StatusesOf(42).Count;

        (await RunAsync("Deploy", "--version", "1.1.0")).ShouldSucceed("(b) Deploy 1.1.0 with GitHub on")
            .ShouldSay("GitHub deployment 43 for 1.1.0 to local (created)", "(b)");

        _api.Received("POST", "/deployments").Count.ShouldBe(2, "(b) one more GitHub deployment, for 1.1.0");
        StatusesOf(43).ShouldBe([.. Phases.Select(p => $"in_progress {p} running"), "success 1.1.0 deployed"], "(b)");
        StatusesOf(42).Count.ShouldBe(firstStatuses, "(b) 1.0.0's deployment is left as it was");
        _github.Issues.Count.ShouldBe(2, "(b) a checklist issue per deployment");
        _github.Issues[1]["state_reason"]?.GetValue<string>().ShouldBe("completed", "(b)");
    }

    private async Task OnCallRollback_MarksTheRolledBackDeploymentAndMakesThePreviousActiveAgain()
    {
        (await RunAsync("Rollback")).ShouldSucceed("(c) on-call Rollback of 1.1.0")
            .ShouldSay("rolled back: 1.0.0 serves local", "(c)");

        _api.Received("POST", "/deployments").Count.ShouldBe(2, "(c) the rollback creates no deployment: both are known");
        StatusesOf(43)[^1].ShouldBe("failure Rolled back to 1.0.0", "(c) the rolled-back release's deployment says so");
        StatusesOf(42)[^1].ShouldBe("success 1.0.0 active again after rollback of 1.1.0", "(c) the restored release is the active deployment again");
        _github.Issues.Count.ShouldBe(2, "(c) the rollback updates the deployment's issue, opens none");
        (_github.Issues[1]["state"]!.GetValue<string>(), _github.Issues[1]["state_reason"]?.GetValue<string>())
            .ShouldBe(("closed", "not_planned"), "(c) the rolled-back deployment's issue is closed as not completed");
    }

    // Every build.sh run gets the token as a workflow passes it: in the environment, never in a file.
    private async Task<BuildRun> RunAsync(params string[] arguments)
    {
        var run = await _repository.RunWithEnvironmentAsync(new Dictionary<string, string> { ["RUNWAY_GITHUB_TOKEN"] = GitHubApiServer.Token }, arguments);
        run.Output.ShouldNotContain(GitHubApiServer.Token, Case.Sensitive, $"build.sh {run.Arguments} printed the GitHub token");
        return run;
    }

    // "in_progress Canary running" for "Canary running (weight 10%)": the weights are the phases' business, not GitHub's.
    private List<string> StatusesOf(long deployment) =>
        [.. _github.Statuses().Where(s => s.Deployment == deployment).Select(s => $"{s.State} {s.Description.Split(" (weight", 2)[0]}")];

    // Checks green on the release commit, each release tagged there, release notes to draft, no pull request open.
    private void GreenRepository(params string[] tags)
    {
        _api.On("GET", $"/commits/{_sha}/status", 200, CombinedStatus(("ci/build", "success")));
        _api.On("GET", $"/commits/{_sha}/check-runs", 200, CheckRuns((1, "tests", "completed", "success")));
        foreach (var tag in tags)
            _api.On("GET", $"/git/ref/tags/{tag}", 200, Ref(tag, _sha));
        _api.On("POST", "/releases/generate-notes", request =>
            GitHubApiServer.Reply(200, ReleaseNotes(Body(request)["tag_name"]!.GetValue<string>(), "## What's Changed\n* Canary analysis by @octo in #41")));
        _api.OnDraftReleases();
        _api.On("GET", "/pulls", 200, PullRequests());
    }
}
