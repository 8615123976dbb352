using System.Diagnostics;
using Runway.Environments;
using Runway.Environments.HAProxy;
using Runway.Load;
using Runway.Service.Metrics;
using Runway.Tests.Service;
using Serilog.Core;
using Shouldly;
using Xunit;

namespace Runway.Tests.Environments.HAProxy;

/// <summary>The HAProxy router through a real haproxy's runtime API, in front of real HTTP instances, under steady load.</summary>
public sealed class HAProxyRouterTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    // Also with the production example's own haproxy.cfg, whose health checks must not fail a request of a rollout.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DeployThenRollback_UnderSteadyLoad_NoRequestFailsAndHAProxyReportsEachSplitSet(bool theExamplesConfig)
    {
        await using var haproxy = theExamplesConfig ? await HAProxyProcess.StartExampleAsync() : await HAProxyProcess.StartAsync();
        await using var pools = new InProcessPools(instancesPerPool: 2);
        var environment = new ComposedEnvironment(pools, Router(haproxy));
        await environment.DeployPoolAsync("1.0.0", CancellationToken.None);
        await SetAndConfirmAsync(environment, new() { ["1.0.0"] = 100 });
        var load = new LoadGenerator(Http, new LoadOptions
        {
            Target = haproxy.Url, Request = SampleContract.NodeStyle.Request, ReleaseHeader = SampleContract.NodeStyle.ReleaseHeader, RequestsPerSecond = 100, Concurrency = 8,
            Duration = TimeSpan.FromMinutes(2),
        }, TimeProvider.System, Logger.None);
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(stop.Token);

        // Deploy: canary, half, all, then the old pool drained and stopped.
        await environment.DeployPoolAsync("1.1.0", CancellationToken.None);
        await SetAndConfirmAsync(environment, new() { ["1.0.0"] = 90, ["1.1.0"] = 10 });
        await TrafficAsync(load, "1.1.0", 10);
        await SetAndConfirmAsync(environment, new() { ["1.0.0"] = 50, ["1.1.0"] = 50 });
        await TrafficAsync(load, "1.0.0", 20);
        await SetAndConfirmAsync(environment, new() { ["1.0.0"] = 0, ["1.1.0"] = 100 });
        await TrafficAsync(load, "1.1.0", 20);
        await environment.RemovePoolAsync("1.0.0", CancellationToken.None);
        await TrafficAsync(load, "1.1.0", 20);
        // Rollback: the previous release back, all traffic to it at once, the bad one drained and stopped.
        await environment.DeployPoolAsync("1.0.0", CancellationToken.None);
        var decision = Stopwatch.StartNew();
        await environment.SetWeightsAsync(new Dictionary<string, int> { ["1.0.0"] = 100, ["1.1.0"] = 0 }, CancellationToken.None);
        var applied = decision.Elapsed;
        await TrafficAsync(load, "1.0.0", 20);
        await environment.RemovePoolAsync("1.1.0", CancellationToken.None);
        await TrafficAsync(load, "1.0.0", 20);
        await stop.CancelAsync();
        var result = await running;

        result.Failures.ShouldBe(0, $"statuses {string.Join(", ", result.ByStatus.Select(s => $"{s.Key}: {s.Value}"))}");
        result.Requests.ShouldBeGreaterThan(150);
        result.ByRelease.Keys.ShouldBe(["1.0.0", "1.1.0"], ignoreOrder: true);
        applied.ShouldBeLessThan(TimeSpan.FromSeconds(0.5));
        (await environment.ReadAsync(CancellationToken.None)).Pools.Select(p => (p.Release, p.Weight)).ShouldBe([("1.0.0", 100)]);
    }

    [Fact]
    public async Task RemovePoolAsync_APoolStillServing_IsDrainedBeforeItStopsSoNoRequestFailsEvenWithoutRetries()
    {
        await using var haproxy = await HAProxyProcess.StartAsync(retries: false);
        await using var pools = new InProcessPools(instancesPerPool: 2, new NodeStyleOptions { ExtraLatencyMs = 100 });
        var environment = new ComposedEnvironment(pools, Router(haproxy));
        await environment.DeployPoolAsync("1.0.0", CancellationToken.None);
        await environment.DeployPoolAsync("1.1.0", CancellationToken.None);
        await SetAndConfirmAsync(environment, new() { ["1.0.0"] = 50, ["1.1.0"] = 50 });
        var load = new LoadGenerator(Http, new LoadOptions
        {
            Target = haproxy.Url, Request = SampleContract.NodeStyle.Request, ReleaseHeader = SampleContract.NodeStyle.ReleaseHeader, RequestsPerSecond = 80, Concurrency = 16,
            Duration = TimeSpan.FromMinutes(1),
        }, TimeProvider.System, Logger.None);
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(stop.Token);
        await TrafficAsync(load, "1.0.0", 20);

        await environment.RemovePoolAsync("1.0.0", CancellationToken.None);
        await TrafficAsync(load, "1.1.0", 40);
        await stop.CancelAsync();
        var result = await running;

        result.Failures.ShouldBe(0, $"statuses {string.Join(", ", result.ByStatus.Select(s => $"{s.Key}: {s.Value}"))}, unanswered {result.NoAnswer}");
        (await environment.ReadAsync(CancellationToken.None)).Pools.Select(p => (p.Release, p.Weight)).ShouldBe([("1.1.0", 100)]);
    }

    [Fact]
    public async Task AddAsync_MorePoolInstancesThanFreeSlots_SaysToRaiseTheTemplateCount()
    {
        await using var haproxy = await HAProxyProcess.StartAsync(slots: 1);
        await using var pools = new InProcessPools(instancesPerPool: 2);
        var environment = new ComposedEnvironment(pools, Router(haproxy));

        var error = await Should.ThrowAsync<InvalidOperationException>(() => environment.DeployPoolAsync("1.0.0", CancellationToken.None));

        error.Message.ShouldContain("no free server slot");
        error.Message.ShouldContain("server-template");
    }

    [Fact]
    public async Task SetWeightsAsync_AnUnknownBackend_NamesTheBackendSetting()
    {
        await using var haproxy = await HAProxyProcess.StartAsync();
        var router = new HAProxyRouter(new HAProxyRouterOptions { Socket = haproxy.Socket, Backend = "nope", Url = haproxy.Url }, TimeProvider.System, Logger.None);

        var error = await Should.ThrowAsync<InvalidOperationException>(() =>
            router.SetWeightsAsync(new Dictionary<string, int> { ["1.0.0"] = 100 }, [new RuntimePool("1.0.0", [new InstanceSnapshot("http://127.0.0.1:9", null)])], CancellationToken.None));

        error.Message.ShouldContain("--haproxy-backend");
    }

    [Fact]
    public async Task MetricsReachability_InstancesReachableOnlyThroughTheRouter_SendsThroughHAProxyAndSeesTheRequests()
    {
        await using var haproxy = await HAProxyProcess.StartAsync();
        await using var pools = new InProcessPools(instancesPerPool: 1);
        var router = Router(haproxy);
        var environment = new ComposedEnvironment(pools, router);
        var pool = await environment.DeployPoolAsync("1.0.0", CancellationToken.None);
        await SetAndConfirmAsync(environment, new() { ["1.0.0"] = 100 });
        var before = (await router.ServersAsync(CancellationToken.None)).Sum(s => s.TotalSessions);

        var evidence = await new MetricsReachability(Http, SampleContract.NodeStyle, null, TimeProvider.System) { Through = haproxy.Url, Wait = TimeSpan.FromSeconds(5) }
            .ProveAsync(MetricSources.Scrape(SampleContract.NodeStyle.Metrics, Http, TimeProvider.System), Runway.Phases.SmokeSteps.Canary(pool), null, CancellationToken.None);

        evidence["traffic"]!["seen"]!.GetValue<double>().ShouldBe(MetricsReachability.Requests);
        ((await router.ServersAsync(CancellationToken.None)).Sum(s => s.TotalSessions) - before).ShouldBe(MetricsReachability.Requests, "every request went through HAProxy");
    }

    [Fact]
    public async Task SetWeightsAsync_RollbackFlip_IsOneReadOfTheBackendAndOneBatchOfCommands()
    {
        await using var haproxy = await HAProxyProcess.StartAsync();
        await using var relay = new AdminSocketRelay(haproxy.Socket);
        await using var pools = new InProcessPools(instancesPerPool: 2);
        var router = new HAProxyRouter(new HAProxyRouterOptions { Socket = relay.Socket, Url = haproxy.Url }, TimeProvider.System, Logger.None);
        var environment = new ComposedEnvironment(pools, router);
        await environment.DeployPoolAsync("1.0.0", CancellationToken.None);
        await environment.DeployPoolAsync("1.1.0", CancellationToken.None);
        await SetAndConfirmAsync(environment, new() { ["1.0.0"] = 90, ["1.1.0"] = 10 });
        var running = await pools.ReadAsync(CancellationToken.None);
        var before = relay.Calls;

        await router.SetWeightsAsync(new Dictionary<string, int> { ["1.0.0"] = 100, ["1.1.0"] = 0 }, running, CancellationToken.None);

        (relay.Calls - before).ShouldBe(2, "one 'show stat', then one line of commands");
        (await environment.ReadAsync(CancellationToken.None)).Pools.Select(p => (p.Release, p.Weight)).ShouldBe([("1.0.0", 100), ("1.1.0", 0)]);
    }

    [Fact]
    public async Task SetWeightsAsync_GivenTheSnapshotJustRead_FlipsWithoutReadingThePoolsAgain()
    {
        await using var haproxy = await HAProxyProcess.StartAsync();
        await using var pools = new InProcessPools(instancesPerPool: 1);
        var environment = new ComposedEnvironment(pools, Router(haproxy));
        await environment.DeployPoolAsync("1.0.0", CancellationToken.None);
        await environment.DeployPoolAsync("1.1.0", CancellationToken.None);
        await SetAndConfirmAsync(environment, new() { ["1.0.0"] = 90, ["1.1.0"] = 10 });
        var seen = await environment.ReadAsync(CancellationToken.None);
        var reads = pools.Reads;

        await environment.SetWeightsAsync(new Dictionary<string, int> { ["1.0.0"] = 100, ["1.1.0"] = 0 }, seen, CancellationToken.None);

        pools.Reads.ShouldBe(reads);
        (await environment.ReadAsync(CancellationToken.None)).Pools.Select(p => (p.Release, p.Weight)).ShouldBe([("1.0.0", 100), ("1.1.0", 0)]);
    }

    private static HAProxyRouter Router(HAProxyProcess haproxy) =>
        new(new HAProxyRouterOptions { Socket = haproxy.Socket, Url = haproxy.Url }, TimeProvider.System, Logger.None);

    // Waits (on the load's own counts) until the release has answered n more requests through HAProxy.
    private static async Task TrafficAsync(LoadGenerator load, string release, long n)
    {
        var target = load.Snapshot().ByRelease.GetValueOrDefault(release) + n;
        var deadline = Stopwatch.StartNew();
        while (load.Snapshot().ByRelease.GetValueOrDefault(release) < target)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"{release} answered fewer than {n} more requests in 30 s.");
            await Task.Delay(20);
        }
    }

    // What HAProxy itself reports after the change, not what was asked.
    private static async Task SetAndConfirmAsync(ComposedEnvironment environment, Dictionary<string, int> weights)
    {
        await environment.SetWeightsAsync(weights, CancellationToken.None);
        var read = (await environment.ReadAsync(CancellationToken.None)).Pools.ToDictionary(p => p.Release, p => p.Weight);
        read.ShouldBe(weights.Where(w => read.ContainsKey(w.Key)).ToDictionary());
    }
}
