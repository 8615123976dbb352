using Runway.Canary;
using Runway.Load;
using Runway.Service;
using Runway.Service.Metrics;
using Serilog.Core;
using Shouldly;
using Xunit;

namespace Runway.Tests.Service;

/// <summary>A bake stops when its metrics do not see the traffic that was sent, instead of judging on nothing.</summary>
public sealed class NeverJudgeBlindTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private static readonly CanaryOptions Options = new() { BakeDuration = TimeSpan.FromSeconds(4), Interval = TimeSpan.FromMilliseconds(700), MinRequestsPerPool = 10 };

    [Fact]
    public async Task Bake_ServiceMetricsNamedUnlikeTheContract_StopsNamingTheSeriesExpectedAndWhatTheServiceHas()
    {
        await using var baseline = await NodeStyleService.StartAsync("1.0.0");
        await using var canary = await NodeStyleService.StartAsync("1.1.0");

        var error = await Should.ThrowAsync<MetricsBlindException>(() => BakeUnderLoadAsync(SampleContract.Value.Metrics, baseline, canary));

        error.Message.ShouldContain("http_requests_total");
        error.Message.ShouldContain("http_request_duration_seconds_bucket");
        error.Message.ShouldContain("the metrics counted 0");
        error.Message.ShouldContain("deploy/service.json");
        error.Evidence["sourceHas"]!.GetValue<string>().ShouldContain("http_request_duration_seconds_count");
    }

    [Fact]
    public async Task Bake_FailuresLabelledOutsideTheWatchedRoutes_StopsInsteadOfPassingABadRelease()
    {
        await using var baseline = await NodeStyleService.StartAsync("1.0.0");
        await using var canary = await NodeStyleService.StartAsync("1.1.0", new NodeStyleOptions { ErrorRate = 0.2, FailurePathLabel = "items" });
        var metrics = SampleContract.NodeStyle.Metrics;
        var watchingV1 = metrics with { Requests = metrics.Requests with { Scrape = metrics.Requests.Scrape! with { RouteLabel = "path", RoutePrefix = "/v1" } } };

        var error = await Should.ThrowAsync<MetricsBlindException>(() => BakeUnderLoadAsync(watchingV1, baseline, canary));

        error.Message.ShouldContain("failed but the metrics counted no error");
    }

    [Fact]
    public async Task Bake_ServiceMetricsAsTheContractSays_RunsToTheEndAndCatchesTheBadCanary()
    {
        await using var baseline = await NodeStyleService.StartAsync("1.0.0");
        await using var canary = await NodeStyleService.StartAsync("1.1.0", new NodeStyleOptions { ErrorRate = 0.2 });

        var result = await BakeUnderLoadAsync(SampleContract.NodeStyle.Metrics, baseline, canary);

        result.Analysis.Verdict.ShouldBe(CanaryVerdict.Fail);
        result.Analysis.Canary.Requests.ShouldBeGreaterThan(10);
    }

    [Fact]
    public async Task Reachability_MetricsThatCountTheRequests_ProveItWithTheFigures()
    {
        await using var service = await NodeStyleService.StartAsync("1.1.0");

        var evidence = await Reachability(SampleContract.NodeStyle).ProveAsync(MetricSources.Scrape(SampleContract.NodeStyle.Metrics, Http, TimeProvider.System), service.Pool, null, CancellationToken.None);

        evidence["traffic"]!["sent"]!.GetValue<double>().ShouldBe(MetricsReachability.Requests);
        evidence["traffic"]!["seen"]!.GetValue<double>().ShouldBe(MetricsReachability.Requests);
    }

    [Fact]
    public async Task Reachability_MetricsThatMissTheRequests_FailNamingWhatTheSourceHas()
    {
        await using var service = await NodeStyleService.StartAsync("1.1.0");
        var misnamed = SampleContract.NodeStyle with { Metrics = SampleContract.Value.Metrics };

        var error = await Should.ThrowAsync<MetricsBlindException>(() => Reachability(misnamed)
            .ProveAsync(MetricSources.Scrape(misnamed.Metrics, Http, TimeProvider.System), service.Pool, null, CancellationToken.None));

        error.Message.ShouldContain("requests were answered but the metrics counted 0");
        error.Message.ShouldContain("http_request_duration_seconds_count");
    }

    private static MetricsReachability Reachability(ServiceContract contract) => new(Http, contract, null, TimeProvider.System) { Wait = TimeSpan.FromSeconds(2) };

    // The load goes to both pools, as a router splitting traffic would send it.
    private static async Task<BakeResult> BakeUnderLoadAsync(MetricsContract metrics, NodeStyleService baseline, NodeStyleService canary)
    {
        using var stop = new CancellationTokenSource();
        var loads = new[] { baseline, canary }.Select(pool => new LoadGenerator(Http, new LoadOptions
        {
            Target = pool.Url, Request = SampleContract.NodeStyle.Request, ReleaseHeader = SampleContract.NodeStyle.ReleaseHeader, RequestsPerSecond = 40, Duration = TimeSpan.FromSeconds(30),
        }, TimeProvider.System, Logger.None)).ToList();
        var running = loads.Select(l => l.RunAsync(stop.Token)).ToList();
        try
        {
            var source = new TrafficCheckedSource(MetricSources.Scrape(metrics, Http, TimeProvider.System), () => Sum(loads.Select(l => SentTraffic.From(l.Snapshot()))));
            return await new CanaryBake(source, Options, TimeProvider.System, Logger.None).RunAsync(baseline.Pool, canary.Pool, null, CancellationToken.None);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(running);
        }
    }

    private static SentTraffic Sum(IEnumerable<SentTraffic> parts)
    {
        var all = parts.ToList();
        return new SentTraffic(all.Sum(p => p.Answered), all.Sum(p => p.Errors),
            all.SelectMany(p => p.ByRelease).ToDictionary(r => r.Key, r => r.Value), all.SelectMany(p => p.ErrorsByRelease).ToDictionary(r => r.Key, r => r.Value));
    }
}
