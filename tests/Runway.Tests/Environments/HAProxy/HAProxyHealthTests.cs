using Runway.Environments;
using Runway.Environments.HAProxy;
using Runway.Phases;
using Runway.Service;
using Runway.Tests.Service;
using Serilog.Core;
using Shouldly;
using Xunit;

namespace Runway.Tests.Environments.HAProxy;

/// <summary>Instance health where the runner cannot reach the instances: HAProxy's own checks say, through a real haproxy.</summary>
public sealed class HAProxyHealthTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task PoolHealth_InstancesNotReachable_TakesEachInstancesHealthFromHAProxysChecks()
    {
        await using var haproxy = await HAProxyProcess.StartAsync(healthCheck: "/healthz");
        await using var pools = new InProcessPools(instancesPerPool: 2);
        var router = new HAProxyRouter(new HAProxyRouterOptions { Socket = haproxy.Socket, Url = haproxy.Url }, TimeProvider.System, Logger.None);
        var environment = new ComposedEnvironment(pools, router);
        await environment.DeployPoolAsync("1.0.0", CancellationToken.None);
        await environment.SetWeightsAsync(new Dictionary<string, int> { ["1.0.0"] = 100 }, CancellationToken.None);
        await pools.CrashAsync("1.0.0", 1);
        await WaitUntilAsync(async () => (await router.ServersAsync(CancellationToken.None)).Any(s => s.Status.StartsWith("DOWN", StringComparison.Ordinal)));
        // This runner asks for a health path the instances do not serve: only HAProxy's view can say they are healthy.
        var unreachable = new ServiceAccess(Http, () => SampleContract.NodeStyle with { HealthPath = "/not-reachable-from-here" }, null, instancesReachable: false);
        var pool = (await environment.ReadAsync(CancellationToken.None)).Pool("1.0.0")!;

        var health = await new PoolHealth(environment, unreachable, environment.Health, Logger.None).CheckAsync(pool, CancellationToken.None);

        health[pool.Instances[0].Url].ShouldBe(InstanceHealth.Ok);
        health[pool.Instances[1].Url].Healthy.ShouldBe(false);
        health[pool.Instances[1].Url].Detail!.ShouldContain("fails HAProxy's health check (L4CON");
    }

    [Fact]
    public async Task HealthAsync_HAProxyWithoutChecks_SaysItCannotTellAndHowToTurnChecksOn()
    {
        await using var haproxy = await HAProxyProcess.StartAsync();
        await using var pools = new InProcessPools(instancesPerPool: 1);
        var router = new HAProxyRouter(new HAProxyRouterOptions { Socket = haproxy.Socket, Url = haproxy.Url }, TimeProvider.System, Logger.None);
        var pool = await new ComposedEnvironment(pools, router).DeployPoolAsync("1.0.0", CancellationToken.None);

        var health = (await router.HealthAsync(new RuntimePool(pool.Release, pool.Instances), CancellationToken.None)).Values.Single();

        health.Healthy.ShouldBeNull();
        health.Detail!.ShouldContain("add 'check' to the server-template");
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("HAProxy did not mark the crashed instance DOWN within 20 s");
            await Task.Delay(50);
        }
    }
}
