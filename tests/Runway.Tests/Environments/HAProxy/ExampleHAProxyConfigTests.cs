using System.Diagnostics;
using Runway.Environments;
using Runway.Environments.HAProxy;
using Serilog.Core;
using Shouldly;
using Xunit;

namespace Runway.Tests.Environments.HAProxy;

/// <summary>The production example's own haproxy.cfg, run by a real haproxy: what a team copies must let Runway read instance health.</summary>
public sealed class ExampleHAProxyConfigTests
{
    [Theory]
    [InlineData("service")]
    [InlineData("staging")]
    public async Task HealthAsync_TheExamplesConfig_HAProxyChecksEachInstanceAndReportsItHealthy(string backend)
    {
        await using var haproxy = await HAProxyProcess.StartExampleAsync();
        await using var pools = new InProcessPools(instancesPerPool: 2);
        var router = new HAProxyRouter(new HAProxyRouterOptions { Socket = haproxy.Socket, Backend = backend, Url = haproxy.Url }, TimeProvider.System, Logger.None);
        var environment = new ComposedEnvironment(pools, router);
        var pool = await environment.DeployPoolAsync("1.0.0", CancellationToken.None);
        await environment.SetWeightsAsync(new Dictionary<string, int> { ["1.0.0"] = 100 }, CancellationToken.None);

        var health = await KnownHealthAsync(router, new RuntimePool(pool.Release, pool.Instances));

        health.Values.ShouldAllBe(h => h == InstanceHealth.Ok, string.Join("; ", health.Values.Select(h => h.Detail)));
    }

    // HAProxy's first check of a server that left maintenance is due within its check interval: waits until every
    // instance's health is known (or 15 s passed), then returns what HAProxy reports.
    private static async Task<IReadOnlyDictionary<string, InstanceHealth>> KnownHealthAsync(HAProxyRouter router, RuntimePool pool)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var health = await router.HealthAsync(pool, CancellationToken.None);
            if (health.Values.All(h => h.Healthy is not null) || deadline.Elapsed > TimeSpan.FromSeconds(15)) return health;
            await Task.Delay(100);
        }
    }
}
