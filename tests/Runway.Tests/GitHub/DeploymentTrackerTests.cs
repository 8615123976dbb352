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
    private readonly List<JsonObject> _deployments = [];
    private long _nextId = 42;
    private int _failCreates;

    public DeploymentTrackerTests()
    {
        _api.On("GET", "/deployments", _ => GitHubApiServer.Reply(200, Serialize(Array(_deployments.AsEnumerable().Reverse().Select(d => d.DeepClone().AsObject())))));
        _api.On("POST", "/deployments", request =>
        {
            var body = Body(request);
            var deployment = Deployment(_nextId++, body["environment"]!.GetValue<string>(), body["payload"]!["release"]!.GetValue<string>(), body["ref"]!.GetValue<string>());
            _deployments.Add(deployment);
            return _failCreates-- > 0 ? GitHubApiServer.Reply(502, GitHubApiServer.ServerError) : GitHubApiServer.Reply(201, Serialize(deployment.DeepClone()));
        });
        Server.Given(WireMock.RequestBuilders.Request.Create().WithPath(new WireMock.Matchers.RegexMatcher($@"^{_api.RepoPath}/deployments/\d+/statuses$")).UsingPost())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithCallback(request =>
                GitHubApiServer.Reply(201, DeploymentStatus(long.Parse(request.PathSegments[^2]), Body(request)["state"]!.GetValue<string>(), null))));
    }

    private WireMock.Server.WireMockServer Server => _api.Server;

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
        _failCreates = 1;

        var deployment = await Tracker().StartAsync(Target(), CancellationToken.None);

        deployment.Id.ShouldBe(42);
        _api.Received("POST", "/deployments").Count.ShouldBe(1);
        _deployments.Count.ShouldBe(1);
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
        _deployments.Add(Deployment(_nextId++, "production", "2.3.0", "v2.3.0"));
        _deployments.Add(Deployment(_nextId++, "staging", "2.4.0", "v2.4.0"));
        _deployments.Add(Deployment(_nextId++, "production", "2.4.0", "v2.4.0"));

        var restored = await Tracker().RollbackAsync(Target("2.4.0"), Target("2.3.0"), CancellationToken.None);

        restored.Id.ShouldBe(42);
        _api.Received("POST", "/deployments").ShouldBeEmpty();
        var statuses = StatusesReceived();
        statuses.Select(s => (s.Deployment, s.Body["state"]!.GetValue<string>())).ShouldBe([(44L, "failure"), (42L, "success")]);
        statuses[0].Body["description"]!.GetValue<string>().ShouldBe("Rolled back to 2.3.0");
    }

    [Fact]
    public async Task RollbackAsync_PreviousReleaseNeverDeployedThroughGitHub_CreatesItsDeployment()
    {
        _deployments.Add(Deployment(_nextId++, "production", "2.4.0", "v2.4.0"));

        var restored = await Tracker().RollbackAsync(Target("2.4.0"), Target("2.3.0"), CancellationToken.None);

        restored.Created.ShouldBeTrue();
        Body(_api.Received("POST", "/deployments").Single())["ref"]!.GetValue<string>().ShouldBe("v2.3.0");
        StatusesReceived().Select(s => (s.Deployment, s.Body["state"]!.GetValue<string>())).ShouldBe([(42L, "failure"), (43L, "success")]);
    }

    public void Dispose() => _api.Dispose();
}
