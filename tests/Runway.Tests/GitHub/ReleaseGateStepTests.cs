using Runway.Checklists;
using Runway.Ledger;
using Runway.Phases;
using Runway.Testing;
using Shouldly;
using Xunit;
using static Runway.Tests.GitHub.GitHubJson;

namespace Runway.Tests.GitHub;

/// <summary>Preparation's github-release-gate step against the rig's release commit, and GitHub off in the local profile.</summary>
[Collection("postgres")]
public sealed class ReleaseGateStepTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly string[] GateChecks = ["github-checks-green", "release-tagged", "release-notes-drafted", "no-blocking-prs"];

    private readonly GitHubApiServer _api = new();
    private PipelineRig _rig = null!;

    public async Task InitializeAsync() => _rig = await PipelineRig.CreateAsync(server, "http://127.0.0.1:9/");

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
        _api.Dispose();
    }

    private void GreenRepository(params (int Number, string Title, string[] Labels)[] pulls)
    {
        var sha = _rig.HeadSha;
        _api.On("GET", $"/commits/{sha}/status", 200, CombinedStatus(("ci/build", "success")));
        _api.On("GET", $"/commits/{sha}/check-runs", 200, CheckRuns((1, "tests", "completed", "success")));
        _api.On("GET", "/git/ref/tags/v2.4.0", 200, Ref("v2.4.0", sha));
        _api.On("POST", "/releases/generate-notes", 200, ReleaseNotes("v2.4.0", "## What's Changed\n* Canary analysis by @octo in #41"));
        _api.OnDraftReleases();
        _api.On("GET", "/pulls", 200, PullRequests(pulls));
    }

    private async Task<(DeploymentServices Services, Deployment Deployment)> BeginAsync(GitHubApiServer? github)
    {
        var services = await _rig.StartAsync(_rig.Settings(github));
        return (services, await services.Session.BeginOrResumeAsync("2.4.0", CancellationToken.None));
    }

    [Fact]
    public async Task Run_AllGreen_ProvesEachGateCheckWithItsEvidence()
    {
        GreenRepository((43, "Tidy README", ["docs"]));
        var (services, deployment) = await BeginAsync(_api);

        var outcome = await services.Phases.ReleaseGate(services.GitHub!).For(deployment).RunAsync(CancellationToken.None);

        outcome.Proofs.Keys.ShouldBe(GateChecks, ignoreOrder: true);
        outcome.Proofs["github-checks-green"]["commit"]!.GetValue<string>().ShouldBe(_rig.HeadSha);
        outcome.Proofs["release-tagged"]["taggedCommit"]!.GetValue<string>().ShouldBe(_rig.HeadSha);
        outcome.Proofs["no-blocking-prs"]["openPullRequests"]!.GetValue<int>().ShouldBe(1);
        outcome.Evidence["checks"]!["release-notes-drafted"]!["passed"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Run_BlockingPullRequest_FailsNamingTheCheckAndThePullRequest()
    {
        GreenRepository((44, "Fix data loss in migration", ["blocks-release"]));
        var (services, deployment) = await BeginAsync(_api);

        var error = await Should.ThrowAsync<StepFailedException>(() => services.Phases.ReleaseGate(services.GitHub!).For(deployment).RunAsync(CancellationToken.None));

        error.Message.ShouldContain("no-blocking-prs: blocked by #44 Fix data loss in migration");
        error.Message.ShouldNotContain("github-checks-green");
        error.Message.ShouldNotContain(GitHubApiServer.Token);
        error.Evidence["checks"]!["no-blocking-prs"]!["passed"]!.GetValue<bool>().ShouldBeFalse();
        error.Evidence.ToJsonString().ShouldNotContain(GitHubApiServer.Token);
    }

    [Fact]
    public async Task Run_ThroughThePhaseRunner_MarksTheChecklistItemWithTheEvidence()
    {
        GreenRepository();
        var (services, deployment) = await BeginAsync(_api);
        var step = services.Phases.ReleaseGate(services.GitHub!).For(deployment);

        await new PhaseRunner(services.Deployments, services.Checklist, services.Logger).RunAsync(deployment, "Preparation", [step], CancellationToken.None);

        var mark = (await services.Checklist.StateAsync("2.4.0", CancellationToken.None)).MarkOf("github-checks-green")!;
        mark.Kind.ShouldBe(ChecklistMarkKind.Done);
        mark.Evidence!["commit"]!.GetValue<string>().ShouldBe(_rig.HeadSha);
    }

    [Fact]
    public async Task Preparation_GitHubConfigured_RunsTheGateEarly()
    {
        var (services, deployment) = await BeginAsync(_api);

        var names = services.Phases.Preparation().Steps(deployment).Select(s => s.Name).ToList();

        names.IndexOf(ReleaseGateStep.Name).ShouldBe(2);
    }

    [Fact]
    public async Task LocalProfile_GitHubOff_NoStepNoConnectionAndGitHubItemsWaivedWithTheProfileReason()
    {
        var settings = _rig.Settings(github: null) with { WaiveSignOffs = "profile local: no GitHub here" };
        var services = await _rig.StartAsync(settings);
        var deployment = await services.Session.BeginOrResumeAsync("2.4.0", CancellationToken.None);

        var open = await new DeploymentPipeline(services).OpenSignOffsAsync([ChecklistPhase.Rollout50], CancellationToken.None);

        services.GitHub.ShouldBeNull();
        services.Phases.Preparation().Steps(deployment).ShouldNotContain(s => s.Name == ReleaseGateStep.Name);
        open.ShouldBeEmpty();
        var mark = (await services.Checklist.StateAsync("2.4.0", CancellationToken.None)).MarkOf("github-checks-green")!;
        mark.Kind.ShouldBe(ChecklistMarkKind.Waived);
        mark.Note.ShouldBe("profile local: no GitHub here");
        _api.AllReceived().ShouldBeEmpty();
    }
}
