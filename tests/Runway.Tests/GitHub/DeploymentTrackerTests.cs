using System.Text.Json.Nodes;
using Runway.GitHub;
using Shouldly;
using Xunit;
using static Runway.Tests.GitHub.GitHubJson;

namespace Runway.Tests.GitHub;

public sealed class DeploymentTrackerTests : IDisposable
{
    private static readonly (string Phase, int Weight)[] Phases =
        [("Preparation", 0), ("Canary", 10), ("Rollout50", 50), ("RolloutFull", 100), ("Migration", 100), ("Validation", 100)];

    private readonly GitHubApiServer _api = new();
    private readonly FakeGitHubRepository _github;

    public DeploymentTrackerTests() => _github = new FakeGitHubRepository(_api);

    private static DeploymentTarget Target(string release = "2.4.0") => new("production", release, $"v{release}")
    {
        EnvironmentUrl = new Uri("http://127.0.0.1:8080/"),
        LogUrl = new Uri("https://github.com/acme/shop/actions/runs/77"),
    };

    private DeploymentTracker Tracker() => new(_api.Connect(), Serilog.Core.Logger.None);

    private List<(long Deployment, JsonObject Body)> StatusesReceived() =>
        [.. _api.AllReceived().Where(r => r.Method == "POST" && r.Path.EndsWith("/statuses", StringComparison.Ordinal))
            .Select(r => (long.Parse(r.PathSegments[^2]), Body(r)))];

    [Fact]
    public async Task FullDeploy_SixPhases_CreatesOneDeploymentAndStatusesInOrder()
    {
        var tracker = Tracker();

        var deployment = await tracker.StartAsync(Target(), CancellationToken.None);
        foreach (var (phase, weight) in Phases)
            await tracker.PhaseStartedAsync(deployment, phase, weight, CancellationToken.None);
        await tracker.SucceededAsync(deployment, CancellationToken.None);

        deployment.Created.ShouldBeTrue();
        var create = Body(_api.Received("POST", "/deployments").Single());
        create["ref"]!.GetValue<string>().ShouldBe("v2.4.0");
        create["environment"]!.GetValue<string>().ShouldBe("production");
        create["payload"]!["release"]!.GetValue<string>().ShouldBe("2.4.0");
        create["auto_merge"]!.GetValue<bool>().ShouldBeFalse();
        create["required_contexts"]!.AsArray().ShouldBeEmpty();
        var statuses = StatusesReceived();
        statuses.ShouldAllBe(s => s.Deployment == deployment.Id);
        statuses.Select(s => s.Body["state"]!.GetValue<string>()).ShouldBe([.. Enumerable.Repeat("in_progress", 6), "success"]);
        statuses[1].Body["description"]!.GetValue<string>().ShouldBe("Canary running (weight 10%)");
        statuses.ShouldAllBe(s => s.Body["environment_url"]!.GetValue<string>() == "http://127.0.0.1:8080/");
        statuses.ShouldAllBe(s => s.Body["log_url"]!.GetValue<string>() == "https://github.com/acme/shop/actions/runs/77");
    }

    [Fact]
    public async Task StartAsync_Rerun_ReusesTheExistingDeployment()
    {
        var first = await Tracker().StartAsync(Target(), CancellationToken.None);

        var second = await Tracker().StartAsync(Target(), CancellationToken.None);

        second.Id.ShouldBe(first.Id);
        second.Created.ShouldBeFalse();
        _api.Received("POST", "/deployments").Count.ShouldBe(1);
    }

    [Fact]
    public async Task StartAsync_CreateAnswered502_RetryFindsItInsteadOfCreatingAgain()
    {
        _github.FailCreates = 1;

        var deployment = await Tracker().StartAsync(Target(), CancellationToken.None);

        deployment.Id.ShouldBe(42);
        _api.Received("POST", "/deployments").Count.ShouldBe(1);
        _github.Deployments.Count.ShouldBe(1);
    }

    [Fact]
    public async Task FailedAsync_ReportsFailureWithTheReason()
    {
        var tracker = Tracker();
        var deployment = await tracker.StartAsync(Target(), CancellationToken.None);

        await tracker.FailedAsync(deployment, "Canary analysis failed: error rate 4.1% > 1%", CancellationToken.None);

        var status = StatusesReceived().Single().Body;
        status["state"]!.GetValue<string>().ShouldBe("failure");
        status["description"]!.GetValue<string>().ShouldBe("Canary analysis failed: error rate 4.1% > 1%");
    }

    [Fact]
    public async Task RollbackAsync_MarksFailedDeploymentFailureAndPreviousSuccess()
    {
        _github.AddDeployment("production", "2.3.0", "v2.3.0");
        _github.AddDeployment("staging", "2.4.0", "v2.4.0");
        _github.AddDeployment("production", "2.4.0", "v2.4.0");

        var restored = await Tracker().RollbackAsync(Target("2.4.0"), Target("2.3.0"), failedDeploymentId: null, CancellationToken.None);

        restored.Id.ShouldBe(42);
        _api.Received("POST", "/deployments").ShouldBeEmpty();
        var statuses = StatusesReceived();
        statuses.Select(s => (s.Deployment, s.Body["state"]!.GetValue<string>())).ShouldBe([(44L, "failure"), (42L, "success")]);
        statuses[0].Body["description"]!.GetValue<string>().ShouldBe("Rolled back to 2.3.0");
    }

    [Fact]
    public async Task RollbackAsync_PreviousReleaseNeverDeployedThroughGitHub_CreatesItsDeployment()
    {
        _github.AddDeployment("production", "2.4.0", "v2.4.0");

        var restored = await Tracker().RollbackAsync(Target("2.4.0"), Target("2.3.0"), failedDeploymentId: null, CancellationToken.None);

        restored.Created.ShouldBeTrue();
        Body(_api.Received("POST", "/deployments").Single())["ref"]!.GetValue<string>().ShouldBe("v2.3.0");
        StatusesReceived().Select(s => (s.Deployment, s.Body["state"]!.GetValue<string>())).ShouldBe([(42L, "failure"), (43L, "success")]);
    }

    [Fact]
    public async Task RollbackAsync_101NewerDeploymentsOfOtherEnvironments_StillFindsBothReleases()
    {
        var previous = _github.AddDeployment("production", "2.3.0", "v2.3.0")["id"]!.GetValue<long>();
        var failed = _github.AddDeployment("production", "2.4.0", "v2.4.0")["id"]!.GetValue<long>();
        for (var i = 0; i < 101; i++)
            _github.AddDeployment($"preview-{i}", "2.4.0", "v2.4.0");

        await Tracker().RollbackAsync(Target("2.4.0"), Target("2.3.0"), failedDeploymentId: null, CancellationToken.None);

        _api.Received("POST", "/deployments").ShouldBeEmpty("the restored release's deployment exists and must not be duplicated");
        StatusesReceived().Select(s => (s.Deployment, s.Body["state"]!.GetValue<string>())).ShouldBe([(failed, "failure"), (previous, "success")]);
        _api.Received("GET", "/deployments").ShouldAllBe(r => r.Query!["environment"].ToString() == "production" && r.Query["task"].ToString() == "deploy");
    }

    [Fact]
    public async Task RollbackAsync_DeploymentIdFromTheLedger_MarkedWithoutLookingItUp()
    {
        _github.AddDeployment("production", "2.3.0", "v2.3.0");

        await Tracker().RollbackAsync(Target("2.4.0"), Target("2.3.0"), failedDeploymentId: 4711, CancellationToken.None);

        StatusesReceived().Select(s => (s.Deployment, s.Body["state"]!.GetValue<string>())).ShouldBe([(4711L, "failure"), (42L, "success")]);
        _api.Received("GET", "/deployments").Count.ShouldBe(1, "only the previous release is looked up");
    }

    [Fact]
    public async Task StartAsync_ListsOnlyThisEnvironmentTaskAndRefOnEveryPage()
    {
        for (var i = 0; i < 120; i++)
            _github.AddDeployment("production", $"2.3.{i}", "v2.4.0", payload: RunwayPayload($"2.3.{i}"));
        var own = _github.AddDeployment("production", "2.4.0", "v2.4.0")["id"]!.GetValue<long>();
        _github.Deployments.Reverse(); // the own deployment is now the oldest: on the second page

        var deployment = await Tracker().StartAsync(Target(), CancellationToken.None);

        deployment.Id.ShouldBe(own);
        deployment.Created.ShouldBeFalse();
        var lists = _api.Received("GET", "/deployments");
        lists.Select(r => r.Query!["page"].ToString()).ShouldBe(["1", "2"]);
        lists.ShouldAllBe(r => r.Query!["environment"].ToString() == "production" && r.Query["ref"].ToString() == "v2.4.0" && r.Query["task"].ToString() == "deploy");
    }

    [Fact]
    public async Task ForeignPayloads_StringNumbersOrOtherShapes_NeitherCrashNorMatch()
    {
        _github.AddDeployment("production", "2.4.0", "v2.4.0", payload: JsonValue.Create("deploy everything"));
        _github.AddDeployment("production", "2.4.0", "v2.4.0", payload: JsonValue.Create("""{"release":"2.4.0"}"""));
        _github.AddDeployment("production", "2.4.0", "v2.4.0", payload: new JsonObject { ["release"] = 2.4, ["attempt"] = 3, ["flags"] = new JsonArray(1, 2) });
        _github.AddDeployment("production", "2.4.0", "v2.4.0", payload: new JsonObject { ["release"] = new JsonObject { ["name"] = "2.4.0" } });
        _github.AddDeployment("production", "2.4.0", "v2.4.0", payload: new JsonObject());
        _github.Deployments.ForEach(d => d["description"] = "Deployed by another tool");

        var deployment = await Tracker().StartAsync(Target(), CancellationToken.None);
        var restored = await Tracker().RollbackAsync(Target("2.4.0"), Target("2.3.0"), failedDeploymentId: null, CancellationToken.None);

        deployment.Created.ShouldBeTrue("none of the foreign deployments is Runway's");
        var created = Body(_api.Received("POST", "/deployments")[0]);
        created["payload"]!["tool"]!.GetValue<string>().ShouldBe("runway");
        restored.Created.ShouldBeTrue();
        StatusesReceived()[0].Deployment.ShouldBe(deployment.Id, "rollback marks Runway's own deployment of 2.4.0");
    }

    public void Dispose() => _api.Dispose();
}
