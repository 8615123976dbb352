using Runway.Checklists;
using Runway.GitHub;
using Runway.Ledger;
using Runway.Phases;
using Runway.Testing;
using Shouldly;
using Xunit;

namespace Runway.Tests.GitHub;

/// <summary>The pipeline with GitHub on: one GitHub deployment per deployment, a status per phase, the rollback, the checklist issue.</summary>
[Collection("postgres")]
public sealed class GitHubDeploymentObserverTests(PostgresServer server) : IAsyncLifetime
{
    private readonly GitHubApiServer _api = new();
    private FakeGitHubRepository _github = null!;
    private PipelineRig _rig = null!;

    public async Task InitializeAsync()
    {
        _github = new FakeGitHubRepository(_api);
        _api.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/health/ready").UsingGet())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithBody("ready"));
        _rig = await PipelineRig.CreateAsync(server, _api.Server.Url! + "/");
    }

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
        _api.Dispose();
    }

    private async Task<DeploymentPipeline> RunAsync(string release = "2.4.0")
    {
        var services = await _rig.StartAsync(_rig.Settings(_api, release));
        return new DeploymentPipeline(services, new GitHubDeploymentObserver(services, services.GitHub!));
    }

    private static SignOffRequest Waiver(string item) => new(item, "qa", Waive: true, Reason: "proven outside this test");

    [Fact]
    public async Task StagedJobs_TwoPhasesOnTwoRuns_OneGitHubDeploymentWithAStatusPerPhase()
    {
        var firstJob = await RunAsync();
        await firstJob.SignOffAsync(Waiver("github-checks-green"), CancellationToken.None);
        await firstJob.RunPhaseAsync(ChecklistPhase.Rollout50, CancellationToken.None);
        await _rig.EndAsync(_rig.StartedServices[0]);

        var secondJob = await RunAsync();
        await secondJob.SignOffAsync(new SignOffRequest("po-approval", "Dana"), CancellationToken.None);
        await secondJob.RunPhaseAsync(ChecklistPhase.RolloutFull, CancellationToken.None);

        _api.Received("POST", "/deployments").Count.ShouldBe(1);
        _api.Received("GET", "/deployments").Count.ShouldBe(1, "the second job reads the GitHub deployment id from the ledger");
        var create = GitHubJson.Body(_api.Received("POST", "/deployments").Single());
        create["ref"]!.GetValue<string>().ShouldBe(_rig.HeadSha);
        create["environment"]!.GetValue<string>().ShouldBe("production");
        _github.Statuses().ShouldBe([
            (42, "in_progress", "Rollout50 running (weight 50%)", _rig.HealthUrl),
            (42, "in_progress", "RolloutFull running (weight 100%)", _rig.HealthUrl),
        ]);
    }

    [Fact]
    public async Task ChecklistIssue_AfterPhasesAndSignOff_OneIssueWithTheLiveChecklist()
    {
        var firstJob = await RunAsync();
        await firstJob.SignOffAsync(Waiver("github-checks-green"), CancellationToken.None);
        await firstJob.RunPhaseAsync(ChecklistPhase.Rollout50, CancellationToken.None);
        var afterRollout50 = _github.Issues.Single()["body"]!.GetValue<string>();
        await firstJob.SignOffAsync(new SignOffRequest("po-approval", "Dana"), CancellationToken.None);
        var afterSignOff = _github.Issues.Single()["body"]!.GetValue<string>();
        await firstJob.RunPhaseAsync(ChecklistPhase.RolloutFull, CancellationToken.None);

        _api.Received("POST", "/issues").Count.ShouldBe(1);
        _api.Received("GET", "/issues").Count.ShouldBe(1, "later updates use the number the ledger keeps");
        _api.Received("GET", "/issues").Single().Query!.ShouldContainKey("since", "the first look-up reads only issues updated since the deployment began");
        _api.Received("GET", "/issues").Single().Query!.ShouldNotContainKey("labels", "the label may not have stuck");
        var issue = _github.Issues.Single();
        issue["title"]!.GetValue<string>().ShouldBe($"Deployment {firstJob.Deployment!.Id}: 2.4.0 to production");
        afterRollout50.ShouldContain("- [x] Half the traffic on the release");
        afterRollout50.ShouldContain("- [ ] Product owner approves the full rollout");
        afterSignOff.ShouldContain("- [x] Product owner approves the full rollout");
        var body = issue["body"]!.GetValue<string>();
        body.ShouldStartWith(ChecklistIssue.MarkerFor($"production/2.4.0/{firstJob.Deployment.Id}"));
        body.ShouldContain("- [x] All traffic on the release");
    }

    [Fact]
    public async Task FailedPhaseThenRollback_FailedDeploymentMarkedAndPreviousActiveAgain()
    {
        await SucceededPreviousReleaseAsync("2.3.0");
        var previousOnGitHub = _github.AddDeployment("production", "2.3.0", "v2.3.0")["id"]!.GetValue<long>();
        var pipeline = await RunAsync();
        await pipeline.SignOffAsync(Waiver("github-checks-green"), CancellationToken.None);
        await File.WriteAllTextAsync(_rig.BreakWeightsFile, "");

        var failure = await Should.ThrowAsync<Exception>(() => pipeline.RunPhaseAsync(ChecklistPhase.Rollout50, CancellationToken.None));
        File.Delete(_rig.BreakWeightsFile);
        await pipeline.RollbackAsync("Rollout50 failed", CancellationToken.None);

        failure.Message.ShouldContain("load balancer refused the weights");
        pipeline.FailedPhase.ShouldBe("Rollout50");
        var failed = _github.Deployments.Single(d => d["payload"]!["release"]!.GetValue<string>() == "2.4.0")["id"]!.GetValue<long>();
        var statuses = _github.Statuses();
        statuses.Select(s => (s.Deployment, s.State)).ShouldBe([
            (failed, "in_progress"),
            (failed, "failure"),
            (failed, "failure"),
            (previousOnGitHub, "success"),
        ]);
        statuses[1].Description.ShouldStartWith("Rollout50 failed: ");
        statuses[2].Description.ShouldBe("Rolled back to 2.3.0");
        statuses[3].Description.ShouldBe("2.3.0 active again after rollback of 2.4.0");
        var issue = _github.Issues.Single();
        issue["body"]!.GetValue<string>().ShouldContain("- [ ] Half the traffic on the release");
        issue["state"]!.GetValue<string>().ShouldBe("closed", "the deployment ended with the rollback");
        _api.Received("GET", "/issues").Count.ShouldBeLessThanOrEqualTo(1, "the issue's number is kept in the ledger");
    }

    [Fact]
    public async Task GitHubUnreachable_AtThePhaseStart_RecordedAsThePhaseFailureNothingLeftRunning()
    {
        var settings = _rig.Settings(_api) with { GitHub = _api.Options(o => new GitHubOptions { Repository = $"acme/{_api.Name}-gone", Token = GitHubApiServer.Token, ApiBaseUrl = o.ApiBaseUrl, MaxRetryAttempts = 0 }) };
        var services = await _rig.StartAsync(settings);
        var pipeline = new DeploymentPipeline(services, new GitHubDeploymentObserver(services, services.GitHub!));
        await pipeline.SignOffAsync(Waiver("github-checks-green"), CancellationToken.None);

        var error = await Should.ThrowAsync<GitHubCallFailedException>(() => pipeline.RunPhaseAsync(ChecklistPhase.Rollout50, CancellationToken.None));

        error.Message.ShouldContain($"acme/{_api.Name}-gone");
        error.Message.ShouldNotContain(GitHubApiServer.Token);
        pipeline.FailedPhase.ShouldBe("Rollout50");
        var recorded = (await services.Deployments.GetDeploymentAsync(pipeline.Deployment!.Id))!;
        recorded.State.ShouldBe(DeploymentState.Failed);
        recorded.FailureReason.ShouldStartWith("Rollout50: GitHub call");
        (await services.Deployments.FindCompletedStepAsync(pipeline.Deployment!.Id, "Rollout50", "rollout-50")).ShouldBeNull();
    }

    [Fact]
    public async Task Token_NeverInLogsLedgerOrGitHubTexts()
    {
        var pipeline = await RunAsync();
        await pipeline.SignOffAsync(Waiver("github-checks-green"), CancellationToken.None);
        await File.WriteAllTextAsync(_rig.BreakWeightsFile, "");
        await Should.ThrowAsync<Exception>(() => pipeline.RunPhaseAsync(ChecklistPhase.Rollout50, CancellationToken.None));

        var events = await _rig.StartedServices[0].Events.ReadAsync();

        events.ShouldNotBeEmpty();
        events.ShouldAllBe(e => !e.Payload.ToJsonString().Contains(GitHubApiServer.Token));
        _rig.Logs.LinesWithProperties.ShouldAllBe(l => !l.Contains(GitHubApiServer.Token));
        _api.AllReceived().Where(r => r.Body != null).ShouldAllBe(r => !r.Body!.Contains(GitHubApiServer.Token) && !r.Body.Contains(PipelineRig.ServiceToken));
    }

    [Fact]
    public async Task LastPhaseDone_ObserverReportsSuccessWithTheRunLink()
    {
        var services = await _rig.StartAsync(_rig.Settings(_api) with { CiRunUrl = new Uri("https://github.com/acme/shop/actions/runs/77") });
        var deployment = await services.Session.BeginOrResumeAsync("2.4.0", CancellationToken.None);
        var observer = new GitHubDeploymentObserver(services, services.GitHub!);

        await observer.PhaseStartedAsync(deployment, "Validation", CancellationToken.None);
        await observer.SucceededAsync(deployment, CancellationToken.None);

        _github.Statuses().Select(s => (s.State, s.Description)).ShouldBe([("in_progress", "Validation running (weight 100%)"), ("success", "2.4.0 deployed")]);
        _api.AllReceived().Where(r => r.Path.EndsWith("/statuses", StringComparison.Ordinal))
            .ShouldAllBe(r => GitHubJson.Body(r)["log_url"]!.GetValue<string>() == "https://github.com/acme/shop/actions/runs/77");
    }

    [Theory]
    [InlineData("Preparation", 0)]
    [InlineData("Canary", 10)]
    [InlineData("Rollout50", 50)]
    [InlineData("RolloutFull", 100)]
    [InlineData("Validation", 100)]
    public async Task WeightOf_EachPhase_TheTrafficItMovesTo(string phase, int weight)
    {
        var services = await _rig.StartAsync(_rig.Settings(_api) with { CanaryWeight = 10 });

        new GitHubDeploymentObserver(services, services.GitHub!).WeightOf(phase).ShouldBe(weight);
    }

    private async Task SucceededPreviousReleaseAsync(string release)
    {
        var services = await _rig.StartAsync(_rig.Settings(github: null, release));
        var deployment = await services.Deployments.StartDeploymentAsync(new DeploymentStart("production", release, "ci", "runner-1"));
        await services.Deployments.FinishDeploymentAsync(deployment.Id, DeploymentState.Succeeded);
        await _rig.EndAsync(services);
    }
}
