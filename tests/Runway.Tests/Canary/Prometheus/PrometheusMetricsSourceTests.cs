using Runway.Canary;
using Runway.Canary.Prometheus;
using Runway.Load;
using Runway.Service.Metrics;
using Runway.Tests.Service;
using Serilog.Core;
using Shouldly;
using Xunit;

namespace Runway.Tests.Canary.Prometheus;

/// <summary>The Prometheus metric source against a real Prometheus scraping real instances of a Node-style service.</summary>
public sealed class PrometheusMetricsSourceTests : IAsyncLifetime
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private PrometheusServer _prometheus = null!;

    public async Task InitializeAsync() => _prometheus = await PrometheusServer.StartAsync();

    public Task DisposeAsync() => _prometheus.DisposeAsync().AsTask();

    [Fact]
    public async Task ReadAsync_AfterTraffic_CountsTheWindowsRequestsErrorsAndLatencyAndKeepsTheQueries()
    {
        await using var service = await NodeStyleService.StartAsync("2.0.0", new NodeStyleOptions { ErrorRate = 0.2 });
        await ScrapedWithSeriesAsync(_prometheus, service);
        var source = Source();

        (await source.ReadAsync(service.Pool, CancellationToken.None)).ShouldBe(PoolCounters.Empty);
        await SendAsync(service, 100);
        var counters = await WaitForAsync(source, service.Pool, 100);

        // increase() extrapolates to the window's edges, so a burst in a short window reads somewhat high; the shares hold.
        counters.Requests.ShouldBeInRange(95, 160);
        // The 500 series appears with the first error; increase() counts from its first sample, so a few errors are lost.
        (counters.Errors / counters.Requests).ShouldBeInRange(0.12, 0.23);
        counters.Latency[^1].UpperBound.ShouldBe(double.PositiveInfinity);
        counters.Latency[^1].CumulativeCount.ShouldBe(counters.Requests, tolerance: 0.5);
        var evidence = source.Client.Evidence().ToJsonString();
        evidence.ShouldContain("increase(http_request_duration_seconds_count{release=\\u00222.0.0\\u0022}");
        evidence.ShouldContain("status_code");
    }

    [Fact]
    public async Task ReadAsync_ABurstRightAfterTheFirstRead_IsCountedNotLostBeforeTheNextScrape()
    {
        // Scrapes 4 s apart, as a team's Prometheus does (15 s by default): the window of a read is far shorter.
        await using var prometheus = await PrometheusServer.StartAsync(scrapeSeconds: 4);
        await using var service = await NodeStyleService.StartAsync("2.0.0");
        await ScrapedWithSeriesAsync(prometheus, service);
        var source = Source(prometheus);
        // Not a wait for a condition: it puts the last scrape before the window's start further back than the window's
        // rounding up to whole seconds, as it is at any moment a bake happens to start.
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        (await source.ReadAsync(service.Pool, CancellationToken.None)).ShouldBe(PoolCounters.Empty);
        // Well inside one scrape interval: without a sample between the first read and the burst, increase() saw none of it.
        for (var i = 0; i < 30; i++)
            using (await Http.PostAsync(new Uri(service.Url, "/v1/items"), null)) { }
        var counters = await WaitForAsync(source, service.Pool, 30);

        counters.Requests.ShouldBeGreaterThanOrEqualTo(30);
    }

    [Fact]
    public async Task Bake_FromPrometheusData_CatchesTheFailingCanary()
    {
        await using var baseline = await NodeStyleService.StartAsync("2.0.0");
        await using var canary = await NodeStyleService.StartAsync("2.1.0", new NodeStyleOptions { ErrorRate = 0.25 });
        await _prometheus.AddTargetAsync(baseline.Url, "2.0.0");
        await _prometheus.AddTargetAsync(canary.Url, "2.1.0");
        using var stop = new CancellationTokenSource();
        var loads = new[] { baseline, canary }.Select(pool => new LoadGenerator(Http, new LoadOptions
        {
            Target = pool.Url, Request = SampleContract.NodeStyle.Request, RequestsPerSecond = 40, Duration = TimeSpan.FromMinutes(1),
        }, TimeProvider.System, Logger.None)).ToList();
        var running = loads.Select(l => l.RunAsync(stop.Token)).ToList();
        var metrics = MetricSources.Create(new Runway.Service.ServiceSettings { MetricsSource = "prometheus", PrometheusUrl = _prometheus.Url },
            SampleContract.NodeStyle, "production", Http, TimeProvider.System);
        var options = new CanaryOptions { BakeDuration = TimeSpan.FromSeconds(20), Interval = TimeSpan.FromSeconds(3), MinRequestsPerPool = 30 };

        BakeResult result;
        try
        {
            var checkedSource = new TrafficCheckedSource(metrics, () => SentTraffic.From(loads[0].Snapshot()) is var a && SentTraffic.From(loads[1].Snapshot()) is var b
                ? new SentTraffic(a.Answered + b.Answered, a.Errors + b.Errors, new Dictionary<string, double>(), new Dictionary<string, double>())
                : null);
            result = await new CanaryBake(checkedSource, options, TimeProvider.System, Logger.None).RunAsync(baseline.Pool, canary.Pool, null, CancellationToken.None);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(running);
        }

        result.Analysis.Verdict.ShouldBe(CanaryVerdict.Fail, result.Analysis.Reason);
        result.StoppedEarly.ShouldBeTrue();
        metrics.Evidence()!.AsArray().Count.ShouldBeGreaterThan(2);
    }

    // increase() extrapolates to its range's edges: as the window grows between two scrapes its value climbs, then
    // falls back when the next scrape lands. Read as counters, a fall is a reset: the bake saw "canary instances restarted"
    // in a healthy canary (307 then 609 then less) and failed it. Readings of a window never go down.
    [Fact]
    public async Task ReadAsync_ReadOftenUnderSteadyTraffic_NeverGoesDown_SoNoRestartIsSeen()
    {
        // Scrapes 3 s apart, as a team's Prometheus does (15 s by default), and the load starting with the bake.
        await using var prometheus = await PrometheusServer.StartAsync(scrapeSeconds: 3);
        await using var service = await NodeStyleService.StartAsync("2.0.0");
        await ScrapedWithSeriesAsync(prometheus, service);
        var source = Source(prometheus);
        (await source.ReadAsync(service.Pool, CancellationToken.None)).ShouldBe(PoolCounters.Empty);
        using var stop = new CancellationTokenSource();
        var load = new LoadGenerator(Http, new LoadOptions
        {
            Target = service.Url, Request = SampleContract.NodeStyle.Request, RequestsPerSecond = 40, Duration = TimeSpan.FromMinutes(1),
        }, TimeProvider.System, Logger.None);
        var running = load.RunAsync(stop.Token);
        var readings = new List<PoolCounters>();
        try
        {
            var window = new CounterWindow();
            for (var i = 0; i < 150; i++)
            {
                var reading = await source.ReadAsync(service.Pool, CancellationToken.None);
                readings.Add(reading);
                window.Add(reading);
                await Task.Delay(100);
            }

            window.RestartCount.ShouldBe(0, string.Join(" ", readings.Select(r => r.Requests.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture))));
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }

        readings.Zip(readings.Skip(1)).ShouldAllBe(pair => pair.Second.Requests >= pair.First.Requests && pair.Second.Errors >= pair.First.Errors);
        readings[^1].Requests.ShouldBeGreaterThan(0);
    }

    // A fresh instance's request series is born with its first request. When a burst ends before Prometheus's next
    // scrape, that scrape is the series' first sample and increase() counts none of it, ever: the warm-up's proof then
    // called a working setup blind (seen in the production example's end-to-end test). While the counts lag, traffic
    // goes on, as steady traffic would, and the proof holds.
    [Fact]
    public async Task ProveAsync_ABurstEndingBeforeTheSeriesFirstScrape_IsSeenOnceTrafficGoesOn()
    {
        await using var prometheus = await PrometheusServer.StartAsync(scrapeSeconds: 3);
        await using var service = await NodeStyleService.StartAsync("2.0.0");
        await prometheus.AddTargetAsync(service.Url, "2.0.0");
        var metrics = MetricSources.Create(new Runway.Service.ServiceSettings { MetricsSource = "prometheus", PrometheusUrl = prometheus.Url },
            SampleContract.NodeStyle, "production", Http, TimeProvider.System);
        var reachability = new MetricsReachability(Http, SampleContract.NodeStyle, null, TimeProvider.System) { Wait = TimeSpan.FromSeconds(30) };

        // The first read returns right after a scrape; the 30 requests then end well before the next one, 3 s later.
        var evidence = await reachability.ProveAsync(metrics, service.Pool, send: null, CancellationToken.None);

        evidence["traffic"]!["seen"]!.GetValue<double>().ShouldBeGreaterThanOrEqualTo(evidence["traffic"]!["sent"]!.GetValue<double>() * TrafficSeen.MinimumShareSeen);
    }

    [Fact]
    public async Task QueryAsync_ABadQuery_NamesTheQueryAndTheFix()
    {
        var error = await Should.ThrowAsync<MetricsUnavailableException>(() => new PrometheusClient(Http, _prometheus.Url, TimeProvider.System).QueryAsync("sum(", CancellationToken.None));

        error.Message.ShouldContain("sum(");
        error.Message.ShouldContain("service contract");
    }

    private PrometheusMetricsSource Source() => Source(_prometheus);

    private static PrometheusMetricsSource Source(PrometheusServer prometheus) =>
        new(new PrometheusClient(Http, prometheus.Url, TimeProvider.System), SampleContract.NodeStyle.Metrics, "production", TimeProvider.System);

    // A counter is counted from its first sample on: the service is a target, and its request series exists in Prometheus.
    private static async Task ScrapedWithSeriesAsync(PrometheusServer prometheus, NodeStyleService service)
    {
        await prometheus.AddTargetAsync(service.Url, service.Pool.Release);
        await SendAsync(service, 1);
        await prometheus.WaitForAsync($"http_request_duration_seconds_count{{release=\"{service.Pool.Release}\"}}");
    }

    // Paced over a few scrapes, as steady traffic is.
    private static async Task SendAsync(NodeStyleService service, int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var response = await Http.PostAsync(new Uri(service.Url, "/v1/items"), null);
            await Task.Delay(30);
        }
    }

    // Prometheus shows the requests after its next scrape of the instance.
    private static async Task<PoolCounters> WaitForAsync(PrometheusMetricsSource source, CanaryPool pool, double requests)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var counters = await source.ReadAsync(pool, CancellationToken.None);
            if (counters.Requests >= requests || DateTime.UtcNow > deadline) return counters;
            await Task.Delay(500);
        }
    }
}
