using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Runway.Canary;
using Shouldly;
using Xunit;

namespace Runway.Tests.Canary;

public sealed class ScrapeMetricsSourceTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task ReadAsync_TwoInstances_SumsApiRequestsErrorsAndBuckets()
    {
        await using var first = await StandInPool.StartAsync("1.1.0", errorRate: 0.1);
        await using var second = await StandInPool.StartAsync("1.1.0", errorRate: 0.1);
        await first.SendAsync(Http, 30);
        await second.SendAsync(Http, 20);
        await first.SendAsync(Http, 5, path: "/health/live");

        var counters = await new ScrapeMetricsSource(Http, TimeProvider.System).ReadAsync(new CanaryPool("1.1.0", [first.Url, second.Url]), CancellationToken.None);

        counters.Requests.ShouldBe(50);
        counters.Errors.ShouldBe(5);
        counters.Latency.Count.ShouldBe(11);
        counters.Latency[^1].UpperBound.ShouldBe(double.PositiveInfinity);
        counters.Latency[^1].CumulativeCount.ShouldBe(50);
    }

    [Fact]
    public async Task ReadAsync_OtherRoutePrefix_CountsThatRouteOnly()
    {
        await using var pool = await StandInPool.StartAsync("1.1.0");
        await pool.SendAsync(Http, 4, path: "/health/live");
        await pool.SendAsync(Http, 3);

        var counters = await new ScrapeMetricsSource(Http, TimeProvider.System, new ScrapeMetricsOptions { RoutePrefix = "/health" }).ReadAsync(pool.Pool, CancellationToken.None);

        counters.Requests.ShouldBe(4);
        counters.Errors.ShouldBe(4);
    }

    [Fact]
    public async Task ReadAsync_InstanceDown_ThrowsNamingTheInstance()
    {
        var down = new Uri($"http://127.0.0.1:{Runway.Testing.PostgresServer.FreePort()}");

        var error = await Should.ThrowAsync<MetricsUnavailableException>(
            () => new ScrapeMetricsSource(Http, TimeProvider.System, new ScrapeMetricsOptions { Retries = 0 }).ReadAsync(new CanaryPool("1.1.0", [down]), CancellationToken.None));

        error.Message.ShouldContain(down.Authority);
        error.Message.ShouldContain("/metrics");
    }

    [Fact]
    public async Task ReadAsync_ScrapeFailsOnce_RetriesAndReads()
    {
        var metrics = new ContractMetrics("1.1.0");
        metrics.Record("/api/orchestrations", "GET", 200, 0.002);
        var scrapes = 0;
        await using var flaky = await Runway.Tests.Smoke.LoopbackServer.StartAsync(app => app.MapGet("/metrics", () =>
            Interlocked.Increment(ref scrapes) == 1 ? Results.StatusCode(503) : Results.Text(metrics.Render())));

        var counters = await new ScrapeMetricsSource(Http, TimeProvider.System).ReadAsync(new CanaryPool("1.1.0", [flaky.Url]), CancellationToken.None);

        counters.Requests.ShouldBe(1);
        scrapes.ShouldBe(2);
    }

    [Fact]
    public async Task ReadAsync_NullRoutePrefix_CountsEveryRoute()
    {
        await using var pool = await StandInPool.StartAsync("1.1.0");
        await pool.SendAsync(Http, 4, path: "/health/live");
        await pool.SendAsync(Http, 3);

        var counters = await new ScrapeMetricsSource(Http, TimeProvider.System, new ScrapeMetricsOptions { RoutePrefix = null }).ReadAsync(pool.Pool, CancellationToken.None);

        counters.Requests.ShouldBe(7);
        counters.Errors.ShouldBe(4);
    }

    [Fact]
    public async Task ReadAsync_TwoInstances_KeepsEachInstancesSeriesApart()
    {
        await using var first = await StandInPool.StartAsync("1.1.0");
        await using var second = await StandInPool.StartAsync("1.1.0");
        await first.SendAsync(Http, 3);
        await second.SendAsync(Http, 2);

        var counters = await new ScrapeMetricsSource(Http, TimeProvider.System).ReadAsync(new CanaryPool("1.1.0", [first.Url, second.Url]), CancellationToken.None);

        counters.Series.Where(s => s.Kind == SeriesKind.Requests).GroupBy(s => s.Instance).ToDictionary(g => g.Key, g => g.Sum(s => s.Value))
            .ShouldBe(new Dictionary<string, double> { [first.Url.ToString()] = 3, [second.Url.ToString()] = 2 }, ignoreOrder: true);
    }
}
