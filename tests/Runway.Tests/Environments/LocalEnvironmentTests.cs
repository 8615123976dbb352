using Runway.Environments.Local;
using Runway.Testing;
using Runway.Tests.Support;
using Serilog.Core;
using Shouldly;
using Xunit;

namespace Runway.Tests.Environments;

[Collection("postgres")]
public sealed class LocalEnvironmentTests(PostgresServer server) : IAsyncLifetime
{
    private readonly string _state = Directory.CreateTempSubdirectory("runway-local-env-").FullName;
    private readonly HttpClient _http = new();
    private readonly List<string> _published = [];
    private readonly int _routerPort = PostgresServer.FreePort();
    private LocalEnvironment _environment = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await server.CreateDatabaseAsync("sample");
        await PublishedBuilds.SeedAsync(_state);
        var releases = new ReleasePublisher(Path.Combine(RepositoryRoot.Path, "src/Runway.Sample/Runway.Sample.csproj"), Path.Combine(_state, "releases"), Logger.None);
        var router = new ReleasePublisher(Path.Combine(RepositoryRoot.Path, "src/Runway.Router/Runway.Router.csproj"), Path.Combine(_state, "router"), Logger.None);
        _environment = new LocalEnvironment(new LocalEnvironmentOptions
        {
            Name = "test",
            StateDirectory = Path.Combine(_state, "env"),
            RouterPort = _routerPort,
            RouterAdminPort = PostgresServer.FreePort(),
            Replicas = 2,
            PublishRelease = (release, token) =>
            {
                lock (_published) _published.Add(release);
                return releases.PublishAsync(release, "Runway.Sample.dll", fromCurrentSources: true, token);
            },
            PublishRouter = token => router.PublishCurrentAsync("Runway.Router.dll", token),
            ReleaseConfiguration = release => new Dictionary<string, string>
            {
                ["Sample__Release"] = release,
                ["ConnectionStrings__Sample"] = connectionString,
                ["Sample__JwtSigningKey"] = "a-test-signing-key-that-is-long-enough-for-hs256",
            },
        }, _http, Logger.None);
    }

    public async Task DisposeAsync()
    {
        await _environment.DownAsync(CancellationToken.None);
        _http.Dispose();
        Directory.Delete(_state, recursive: true);
    }

    // On-call must see why a router did not start, not only where its log is.
    [Fact]
    public async Task DeployPoolAsync_RouterPortTaken_FailsSayingWhyTheRouterExited()
    {
        using var squatter = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, _routerPort);
        squatter.Start();

        var error = await Should.ThrowAsync<InvalidOperationException>(() => _environment.DeployPoolAsync("1.0.0", CancellationToken.None));

        error.Message.ShouldContain("exited before it became ready");
        error.Message.ShouldContain("address already in use", Case.Insensitive, "the router's own last words");
        error.Message.ShouldContain(Path.Combine(_state, "env", "logs", "router.log"), Case.Sensitive, "where the whole log is");
    }

    [Fact]
    public async Task APool_ServesThroughTheRouter_ShiftsAndIsRemovedAfterDraining()
    {
        var first = await _environment.DeployPoolAsync("1.0.0", CancellationToken.None);
        await _environment.SetWeightsAsync(new Dictionary<string, int> { ["1.0.0"] = 100 }, CancellationToken.None);
        first.Instances.Count.ShouldBe(2);
        (await ReleaseServingAsync()).ShouldBe("1.0.0");

        await _environment.DeployPoolAsync("1.1.0", CancellationToken.None);
        await _environment.SetWeightsAsync(new Dictionary<string, int> { ["1.0.0"] = 0, ["1.1.0"] = 100 }, CancellationToken.None);
        (await ReleaseServingAsync()).ShouldBe("1.1.0");

        await _environment.RemovePoolAsync("1.0.0", CancellationToken.None);

        var snapshot = await _environment.ReadAsync(CancellationToken.None);
        snapshot.Pools.Select(p => p.Release).ShouldBe(["1.1.0"]);
        first.Instances.ShouldAllBe(i => !DetachedProcess.IsAlive(i.ProcessId!.Value));
    }

    [Fact]
    public async Task DeployPoolAsync_AReplicaWasKilled_ReplacesOnlyThatOne_AndTheRouterServesOnTheNewOne()
    {
        var before = await _environment.DeployPoolAsync("1.0.0", CancellationToken.None);
        await _environment.SetWeightsAsync(new Dictionary<string, int> { ["1.0.0"] = 100 }, CancellationToken.None);
        var (killed, kept) = (before.Instances[0], before.Instances[1]);
        await DetachedProcess.StopAsync(killed.ProcessId!.Value, TimeSpan.FromSeconds(5), CancellationToken.None);

        var after = await _environment.DeployPoolAsync("1.0.0", CancellationToken.None);

        after.Instances.Count.ShouldBe(2);
        after.Instances.ShouldContain(i => i.ProcessId == kept.ProcessId, "the live replica keeps serving");
        after.Instances.ShouldNotContain(i => i.ProcessId == killed.ProcessId);
        after.Instances.ShouldAllBe(i => DetachedProcess.IsAlive(i.ProcessId!.Value));
        after.Weight.ShouldBe(100, "the replacement joined the router with the pool's weight");
        for (var i = 0; i < 6; i++) (await ReleaseServingAsync()).ShouldBe("1.0.0");
    }

    [Fact]
    public async Task RemovePoolAsync_PoolStillServingTrafficBesideAnother_IsRefused()
    {
        await _environment.DeployPoolAsync("1.0.0", CancellationToken.None);
        await _environment.SetWeightsAsync(new Dictionary<string, int> { ["1.0.0"] = 100 }, CancellationToken.None);
        await _environment.DeployPoolAsync("1.1.0", CancellationToken.None);

        var error = await Should.ThrowAsync<InvalidOperationException>(() => _environment.RemovePoolAsync("1.0.0", CancellationToken.None));

        error.Message.ShouldContain("shift traffic away");
    }

    [Fact]
    public async Task ReadAsync_NothingDeployedYet_ReportsNoUrlAndNoPools()
    {
        var snapshot = await _environment.ReadAsync(CancellationToken.None);

        snapshot.Url.ShouldBeNull();
        snapshot.Pools.ShouldBeEmpty();
    }

    [Fact]
    public async Task RemovePoolAsync_TheOnlyPool_LeavesTheRouterEmpty()
    {
        await _environment.DeployPoolAsync("1.0.0", CancellationToken.None);
        await _environment.SetWeightsAsync(new Dictionary<string, int> { ["1.0.0"] = 100 }, CancellationToken.None);

        await _environment.RemovePoolAsync("1.0.0", CancellationToken.None);

        (await _environment.ReadAsync(CancellationToken.None)).Pools.ShouldBeEmpty();
    }

    [Fact]
    public async Task DeployPoolAsync_Twice_KeepsTheRunningReplicas()
    {
        var first = await _environment.DeployPoolAsync("1.0.0", CancellationToken.None);

        var second = await _environment.DeployPoolAsync("1.0.0", CancellationToken.None);

        second.Instances.Select(i => i.ProcessId).ShouldBe(first.Instances.Select(i => i.ProcessId));
    }

    [Fact]
    public void LocalState_WithTwoPoolsOfOneRelease_RoundTripsThroughItsFile()
    {
        var file = Path.Combine(_state, "state.json");
        var state = LocalState.Empty
            .WithPool("1.0.0", [new LocalInstance(5101, 11), new LocalInstance(5102, 12)])
            .WithPool(PoolName.Baseline("1.0.0"), [new LocalInstance(5103, 13, 42, "dotnet Runway.Sample.dll")]);

        state.Save(file);
        var loaded = LocalState.Load(file);

        loaded.Pools.Keys.Order(StringComparer.Ordinal).ShouldBe(["1.0.0", "1.0.0~baseline"]);
        loaded.Pools["1.0.0~baseline"].ShouldBe([new LocalInstance(5103, 13, 42, "dotnet Runway.Sample.dll")]);
        loaded.WithPool("1.0.0~baseline", null).Pools.Keys.ShouldBe(["1.0.0"]);
    }

    [Fact]
    public async Task BaselinePool_RunsItsReleasesArtifact_BesideTheLivePool_AndDownStopsBoth()
    {
        var live = await _environment.DeployPoolAsync("1.0.0", CancellationToken.None);
        await _environment.SetWeightsAsync(new Dictionary<string, int> { ["1.0.0"] = 100 }, CancellationToken.None);

        var fresh = await _environment.DeployPoolAsync(PoolName.Baseline("1.0.0"), 1, CancellationToken.None);
        await _environment.SetWeightsAsync(new Dictionary<string, int> { ["1.0.0"] = 50, ["1.0.0~baseline"] = 50 }, CancellationToken.None);

        fresh.Release.ShouldBe("1.0.0~baseline");
        fresh.Instances.Count.ShouldBe(1, "as many replicas as asked (the canary's), not the environment's 2");
        _published.ShouldAllBe(release => release == "1.0.0", "the baseline runs 1.0.0's published artifact");
        Directory.Exists(Path.Combine(_state, "releases", "1.0.0~baseline")).ShouldBeFalse();
        (await ReleaseOfAsync(fresh.Instances[0].Url)).ShouldBe("1.0.0", "configured as its release");
        var snapshot = await _environment.ReadAsync(CancellationToken.None);
        snapshot.Pools.Select(p => $"{p.Release}={p.Weight}").Order(StringComparer.Ordinal).ShouldBe(["1.0.0=50", "1.0.0~baseline=50"]);

        await _environment.DownAsync(CancellationToken.None);

        live.Instances.Concat(fresh.Instances).ShouldAllBe(i => !DetachedProcess.IsAlive(i.ProcessId!.Value), "Down stops the baseline's replicas too");
        (await _environment.ReadAsync(CancellationToken.None)).Pools.ShouldBeEmpty();
    }

    private async Task<string> ReleaseServingAsync()
    {
        var snapshot = await _environment.ReadAsync(CancellationToken.None);
        using var response = await _http.GetAsync(new Uri(snapshot.Url + "/version"));
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("X-Release").Single();
    }

    private async Task<string> ReleaseOfAsync(string instance)
    {
        using var response = await _http.GetAsync(new Uri(instance + "/version"));
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("X-Release").Single();
    }
}
