using Runway.GitHub;
using Shouldly;
using Xunit;
using static Runway.Tests.GitHub.GitHubJson;

namespace Runway.Tests.GitHub;

public sealed class ReleaseGateTests : IDisposable
{
    private readonly GitHubApiServer _api = new();

    private void GreenRepository(string tag = "v2.4.0", string notes = "## What's Changed\n* Canary analysis by @octo in #41")
    {
        _api.On("GET", $"/commits/{Sha}/status", 200, CombinedStatus(("ci/build", "success"), ("security/scan", "success")));
        _api.On("GET", $"/commits/{Sha}/check-runs", 200, CheckRuns((1, "tests", "completed", "success"), (2, "lint", "completed", "skipped")));
        _api.On("GET", $"/git/ref/tags/{tag}", 200, Ref(tag));
        _api.On("POST", "/releases/generate-notes", 200, ReleaseNotes(tag, notes));
        _api.On("GET", "/pulls", 200, PullRequests((43, "Tidy README", ["docs"])));
        _api.OnDraftReleases();
    }

    private Task<ReleaseGateResult> Check(ReleaseGateOptions? options = null) =>
        new ReleaseGate(_api.Connect(), Serilog.Core.Logger.None).CheckAsync(Sha, "2.4.0", options ?? new ReleaseGateOptions(), CancellationToken.None);

    [Fact]
    public async Task CheckAsync_AllGreen_PassesEveryCheckWithEvidence()
    {
        GreenRepository();

        var result = await Check(new ReleaseGateOptions { PreviousRelease = "2.3.0" });

        result.Passed.ShouldBeTrue(string.Join("; ", result.Checks.Select(c => c.Summary)));
        result.Checks.Select(c => c.Id).ShouldBe(["github-checks-green", "release-tagged", "release-notes-drafted", "no-blocking-prs"]);
        result[ReleaseGateResult.ChecksGreen].Evidence["checks"]!.AsArray().Count.ShouldBe(4);
        result.ReleaseNotes!.ShouldContain("Canary analysis");
        var notesRequest = Body(_api.Received("POST", "/releases/generate-notes").Single());
        notesRequest["tag_name"]!.GetValue<string>().ShouldBe("v2.4.0");
        notesRequest["previous_tag_name"]!.GetValue<string>().ShouldBe("v2.3.0");
        notesRequest["target_commitish"]!.GetValue<string>().ShouldBe(Sha);
        var draft = Body(_api.Received("POST", "/releases").Single());
        draft["draft"]!.GetValue<bool>().ShouldBeTrue();
        draft["tag_name"]!.GetValue<string>().ShouldBe("v2.4.0");
        draft["body"]!.GetValue<string>().ShouldContain("Canary analysis");
        result[ReleaseGateResult.ReleaseNotesDrafted].Summary.ShouldStartWith("draft release v2.4.0");
    }

    [Fact]
    public async Task CheckAsync_FailingStatusAndPendingCheckRun_NamesThem()
    {
        GreenRepository();
        _api.On("GET", $"/commits/{Sha}/status", 200, CombinedStatus(("ci/build", "success"), ("security/scan", "failure")));
        _api.On("GET", $"/commits/{Sha}/check-runs", 200, CheckRuns((1, "tests", "in_progress", null), (2, "lint", "completed", "success"), (3, "e2e", "completed", "failure")));

        var check = (await Check(new ReleaseGateOptions { RequiredChecks = ["ci/build", "deploy-preview"] }))[ReleaseGateResult.ChecksGreen];

        check.Passed.ShouldBeFalse();
        check.Summary.ShouldBe("failing: security/scan, e2e; pending: tests; missing: deploy-preview");
        check.Evidence["failing"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe(["security/scan", "e2e"]);
        check.Evidence["pending"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe(["tests"]);
    }

    [Fact]
    public async Task CheckAsync_RerunOfFailedCheckRunSucceeded_CountsTheLatestRun()
    {
        GreenRepository();
        _api.On("GET", $"/commits/{Sha}/check-runs", 200, CheckRuns((1, "tests", "completed", "failure"), (7, "tests", "completed", "success")));

        var check = (await Check())[ReleaseGateResult.ChecksGreen];

        check.Passed.ShouldBeTrue(check.Summary);
    }

    [Fact]
    public async Task CheckAsync_NothingReportedOnTheCommit_IsNotGreen()
    {
        GreenRepository();
        _api.On("GET", $"/commits/{Sha}/status", 200, CombinedStatus());
        _api.On("GET", $"/commits/{Sha}/check-runs", 200, CheckRuns());

        var check = (await Check())[ReleaseGateResult.ChecksGreen];

        check.Passed.ShouldBeFalse();
        check.Summary.ShouldContain("no statuses or check runs");
    }

    [Fact]
    public async Task CheckAsync_TagMissingAndCreationOff_FailsWithoutCreating()
    {
        GreenRepository();
        _api.On("GET", "/git/ref/tags/v2.4.0", 404, GitHubApiServer.NotFound);

        var check = (await Check())[ReleaseGateResult.ReleaseTagged];

        check.Passed.ShouldBeFalse();
        check.Summary.ShouldContain("tag v2.4.0 does not exist");
        _api.Received("POST", "/git/refs").ShouldBeEmpty();
    }

    [Fact]
    public async Task CheckAsync_TagMissingAndCreateAnswer502_RetriesWithoutCreatingTwice()
    {
        GreenRepository();
        var created = false;
        _api.On("GET", "/git/ref/tags/v2.4.0", _ => created ? GitHubApiServer.Reply(200, Ref("v2.4.0")) : GitHubApiServer.Reply(404, GitHubApiServer.NotFound));
        // GitHub created the tag but the answer was lost on the way back.
        _api.On("POST", "/git/refs", _ => { created = true; return GitHubApiServer.Reply(502, GitHubApiServer.ServerError); });

        var check = (await Check(new ReleaseGateOptions { CreateTagIfMissing = true }))[ReleaseGateResult.ReleaseTagged];

        check.Passed.ShouldBeTrue(check.Summary);
        var creates = _api.Received("POST", "/git/refs");
        creates.Count.ShouldBe(1);
        Body(creates[0])["ref"]!.GetValue<string>().ShouldBe("refs/tags/v2.4.0");
        Body(creates[0])["sha"]!.GetValue<string>().ShouldBe(Sha);
        _api.Retries.ShouldContain(r => r.Reason == "502 BadGateway");
    }

    [Fact]
    public async Task CheckAsync_TagMissingAndCreationOn_CreatesItOnce()
    {
        GreenRepository();
        _api.On("GET", "/git/ref/tags/v2.4.0", 404, GitHubApiServer.NotFound);
        _api.On("POST", "/git/refs", 201, Ref("v2.4.0"));

        var check = (await Check(new ReleaseGateOptions { CreateTagIfMissing = true }))[ReleaseGateResult.ReleaseTagged];

        check.Passed.ShouldBeTrue();
        check.Evidence["created"]!.GetValue<bool>().ShouldBeTrue();
        _api.Received("POST", "/git/refs").Count.ShouldBe(1);
    }

    [Fact]
    public async Task CheckAsync_TagOnAnotherCommit_Fails()
    {
        GreenRepository();
        _api.On("GET", "/git/ref/tags/v2.4.0", 200, Ref("v2.4.0", "1111111111111111111111111111111111111111"));

        var check = (await Check())[ReleaseGateResult.ReleaseTagged];

        check.Passed.ShouldBeFalse();
        check.Summary.ShouldContain("not the release commit");
    }

    [Fact]
    public async Task CheckAsync_OpenPullRequestLabelledBlocking_NamesIt()
    {
        GreenRepository();
        _api.On("GET", "/pulls", 200, PullRequests((43, "Tidy README", ["docs"]), (44, "Fix data loss in migration", ["bug", "Blocks-Release"])));

        var check = (await Check())[ReleaseGateResult.NoBlockingPullRequests];

        check.Passed.ShouldBeFalse();
        check.Summary.ShouldContain("#44 Fix data loss in migration");
        check.Evidence["blocking"]!.AsArray().Count.ShouldBe(1);
        _api.Received("GET", "/pulls").Single().Query!["state"].ToString().ShouldBe("open");
    }

    [Fact]
    public async Task CheckAsync_CustomBlockingLabelAbsent_Passes()
    {
        GreenRepository();
        _api.On("GET", "/pulls", 200, PullRequests((44, "Fix data loss", ["blocks-release"])));

        var check = (await Check(new ReleaseGateOptions { BlockingLabel = "release-blocker" }))[ReleaseGateResult.NoBlockingPullRequests];

        check.Passed.ShouldBeTrue();
    }

    [Fact]
    public async Task CheckAsync_EmptyReleaseNotes_FailsTheNotesCheck()
    {
        GreenRepository(notes: "");

        var result = await Check();

        result[ReleaseGateResult.ReleaseNotesDrafted].Passed.ShouldBeFalse();
        result.ReleaseNotes.ShouldBeNull();
        _api.Received("POST", "/releases").ShouldBeEmpty();
    }

    [Fact]
    public async Task CheckAsync_FailingStatusOnPage2_FailsNamingIt()
    {
        GreenRepository();
        var statuses = Enumerable.Range(0, 100).Select(i => ($"ci/shard-{i}", "success")).Append(("security/scan", "failure")).ToList();
        _api.On("GET", $"/commits/{Sha}/status", request => PageOf(request, page =>
            CombinedStatusPage("failure", statuses.Count, statuses.Skip((page - 1) * 100).Take(100), firstId: 1000 + (page - 1) * 100)));

        var check = (await Check())[ReleaseGateResult.ChecksGreen];

        check.Passed.ShouldBeFalse();
        check.Summary.ShouldBe("failing: security/scan");
        _api.Received("GET", $"/commits/{Sha}/status").Select(r => r.Query!["page"].ToString()).ShouldBe(["1", "2"]);
    }

    [Fact]
    public async Task CheckAsync_CombinedStateFailure_FailsEvenWhenNoListedStatusDid()
    {
        GreenRepository();
        _api.On("GET", $"/commits/{Sha}/status", 200, Serialize(CombinedStatusPage("failure", 1, [("ci/build", "success")])));

        var check = (await Check())[ReleaseGateResult.ChecksGreen];

        check.Passed.ShouldBeFalse();
        check.Summary.ShouldBe("failing: combined status (failure)");
        check.Evidence["combinedState"]!.GetValue<string>().ShouldBe("failure");
    }

    [Fact]
    public async Task CheckAsync_FailingCheckRunOnPage2_FailsNamingIt()
    {
        GreenRepository();
        var runs = Enumerable.Range(1, 100).Select(i => ((long)i, $"test-{i}", "completed", (string?)"success")).Append((101L, "e2e", "completed", "failure")).ToList();
        _api.On("GET", $"/commits/{Sha}/check-runs", request => PageOf(request, page => CheckRunsPage(runs.Count, runs.Skip((page - 1) * 100).Take(100))));

        var check = (await Check())[ReleaseGateResult.ChecksGreen];

        check.Passed.ShouldBeFalse();
        check.Summary.ShouldBe("failing: e2e");
    }

    private static WireMock.ResponseMessage PageOf(WireMock.IRequestMessage request, Func<int, System.Text.Json.Nodes.JsonObject> page) =>
        GitHubApiServer.Reply(200, Serialize(page(request.Query is { } q && q.TryGetValue("page", out var p) ? int.Parse(p.ToString()) : 1)));

    public void Dispose() => _api.Dispose();
}
