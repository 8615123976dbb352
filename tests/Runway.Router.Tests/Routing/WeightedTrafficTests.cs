using System.Net;
using System.Text.Json;
using Runway.Router.Tests.Support;
using Shouldly;
using Xunit;

namespace Runway.Router.Tests.Routing;

public sealed class WeightedTrafficTests
{
    [Fact]
    public async Task Traffic_90To10Over100Requests_SplitsExactly()
    {
        using var files = RouterFiles.Create();
        await using var stable = await Backend.StartAsync("1.0.0");
        await using var canary = await Backend.StartAsync("1.1.0");
        await using var router = await RouterProcess.StartAsync(files);
        (await router.PutRoutesAsync(Tables.Of((stable, 90), (canary, 10)))).EnsureSuccessStatusCode();

        var answers = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            answers.Add(await router.Traffic.GetStringAsync("/anything"));
        }

        answers.Count(a => a == "1.0.0").ShouldBe(90);
        answers.Count(a => a == "1.1.0").ShouldBe(10);
    }

    [Fact]
    public async Task Traffic_PoolWithTwoDestinations_SpreadsRoundRobin()
    {
        using var files = RouterFiles.Create();
        await using var first = await Backend.StartAsync("a");
        await using var second = await Backend.StartAsync("b");
        await using var router = await RouterProcess.StartAsync(files);
        (await router.PutRoutesAsync(new { pools = new[] { new { release = "1.0.0", weight = 100, destinations = new[] { first.Url, second.Url } } } })).EnsureSuccessStatusCode();

        for (var i = 0; i < 10; i++)
        {
            (await router.Traffic.GetStringAsync("/")).ShouldNotBeNullOrEmpty();
        }

        first.Requests.ShouldBe(5);
        second.Requests.ShouldBe(5);
    }

    [Fact]
    public async Task WeightChanges_UnderConcurrentLoad_DropNoRequest()
    {
        using var files = RouterFiles.Create();
        await using var stable = await Backend.StartAsync("1.0.0");
        await using var canary = await Backend.StartAsync("1.1.0");
        await using var router = await RouterProcess.StartAsync(files);
        (await router.PutRoutesAsync(Tables.Of((stable, 100), (canary, 0)))).EnsureSuccessStatusCode();
        using var stop = new CancellationTokenSource();
        var failures = 0;
        var served = 0;

        var load = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await router.Traffic.GetAsync("/load");
                if (response.StatusCode == HttpStatusCode.OK) { Interlocked.Increment(ref served); } else { Interlocked.Increment(ref failures); }
            }
        })).ToList();
        foreach (var table in new[] { Tables.Of((stable, 100), (canary, 0)), Tables.Of((stable, 0), (canary, 100)), Tables.Of((stable, 50), (canary, 50)) })
        {
            await Task.Delay(300);
            (await router.PutRoutesAsync(table)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await Task.Delay(300);
        await stop.CancelAsync();
        await Task.WhenAll(load);

        failures.ShouldBe(0);
        served.ShouldBeGreaterThan(100);
        stable.Requests.ShouldBeGreaterThan(0);
        canary.Requests.ShouldBeGreaterThan(0);
        (await router.GetRoutesAsync()).GetProperty("generation").GetInt64().ShouldBe(4);
    }
}
