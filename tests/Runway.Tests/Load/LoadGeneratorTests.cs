using System.Diagnostics;
using Runway.Load;
using Runway.Smoke;
using Runway.Tests.Canary;
using Runway.Tests.Service;
using Runway.Tests.Smoke;
using Serilog.Core;
using Shouldly;
using Xunit;

namespace Runway.Tests.Load;

public sealed class LoadGeneratorTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private static readonly string Token = SampleToken.Create(StandInSampleOptions.SigningKey, "load", TimeSpan.FromMinutes(5), TimeProvider.System);

    [Fact]
    public async Task RunAsync_TwoReleasesBehindOneUrl_CountsByReleaseAndStopsOnTime()
    {
        await using var router = await StandInSample.StartAsync(new StandInSampleOptions { Releases = ["1.0.0", "1.1.0"], RateLimitPerSecond = 10_000 });
        var options = new LoadOptions { Request = SampleContract.Value.Request, ReleaseHeader = SampleContract.Value.ReleaseHeader, Target = router.Url, RequestsPerSecond = 100, Concurrency = 4, Duration = TimeSpan.FromSeconds(1), Token = Token };
        var clock = Stopwatch.StartNew();

        var result = await Generator(options).RunAsync(CancellationToken.None);

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(3));
        result.Requests.ShouldBeInRange(10, 100);
        result.Failures.ShouldBe(0);
        result.ByStatus.Keys.ShouldBe([200]);
        result.ByRelease.Keys.ShouldBe(["1.0.0", "1.1.0"], ignoreOrder: true);
        Math.Abs(result.ByRelease["1.0.0"] - result.ByRelease["1.1.0"]).ShouldBeLessThanOrEqualTo(1);
        result.LatencyMedianMs.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Snapshot_WhileRunning_ShowsProgressAndCancellingStopsWithoutThrowing()
    {
        await using var router = await StandInSample.StartAsync(new StandInSampleOptions { RateLimitPerSecond = 10_000 });
        var generator = Generator(new LoadOptions { Request = SampleContract.Value.Request, ReleaseHeader = SampleContract.Value.ReleaseHeader, Target = router.Url, RequestsPerSecond = 50, Duration = TimeSpan.FromMinutes(5), Token = Token });
        using var stop = new CancellationTokenSource();

        var run = generator.RunAsync(stop.Token);
        var during = generator.Snapshot();
        for (var waited = 0; during.Requests <= 10 && waited < 100; waited++)
        {
            await Task.Delay(50);
            during = generator.Snapshot();
        }

        run.IsCompleted.ShouldBeFalse();
        await stop.CancelAsync();
        var final = await run.WaitAsync(TimeSpan.FromSeconds(5));

        during.Requests.ShouldBeGreaterThan(10);
        during.Elapsed.ShouldBeGreaterThan(TimeSpan.FromMilliseconds(150));
        final.Requests.ShouldBeGreaterThanOrEqualTo(during.Requests);
        final.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task RunAsync_ServerErrorsAndMissingRelease_CountAsFailures()
    {
        await using var pool = await StandInPool.StartAsync("1.1.0", errorRate: 0.2);
        var options = new LoadOptions { Request = SampleContract.Value.Request, ReleaseHeader = SampleContract.Value.ReleaseHeader, Target = pool.Url, RequestsPerSecond = 200, Concurrency = 4, Duration = TimeSpan.FromSeconds(1) };

        var result = await Generator(options).RunAsync(CancellationToken.None);

        result.Requests.ShouldBeGreaterThan(20);
        result.Failures.ShouldBe(result.ByStatus[500]);
        result.Failures.ShouldBeInRange((long)(result.Requests * 0.2) - 1, (long)(result.Requests * 0.2) + 1);
        result.FailuresByRelease["(none)"].ShouldBe(result.Failures);
        result.ToEvidence()["failures"]!.GetValue<long>().ShouldBe(result.Failures);
        result.NotConnected.ShouldBe(0, "a 500 is an answer, not a refused connection");
    }

    [Fact]
    public async Task RunAsync_TargetDown_CountsEveryRequestAsUnanswered()
    {
        var down = new Uri($"http://127.0.0.1:{Runway.Testing.PostgresServer.FreePort()}");

        var result = await Generator(new LoadOptions { Request = SampleContract.Value.Request, ReleaseHeader = SampleContract.Value.ReleaseHeader, Target = down, RequestsPerSecond = 40, Duration = TimeSpan.FromMilliseconds(500) }).RunAsync(CancellationToken.None);

        result.Requests.ShouldBeGreaterThan(0);
        result.NoAnswer.ShouldBe(result.Requests);
        result.NotConnected.ShouldBe(result.Requests, "nothing listens: every request is refused its connection");
        result.Failures.ShouldBe(result.Requests);
    }

    [Fact]
    public async Task RunAsync_WithoutToken_CountsTheRejections()
    {
        await using var router = await StandInSample.StartAsync();

        var result = await Generator(new LoadOptions { Request = SampleContract.Value.Request, ReleaseHeader = SampleContract.Value.ReleaseHeader, Target = router.Url, RequestsPerSecond = 40, Duration = TimeSpan.FromMilliseconds(300) }).RunAsync(CancellationToken.None);

        result.ByStatus.Keys.ShouldBe([401]);
        result.Failures.ShouldBe(0);
    }

    [Fact]
    public void Options_OutOfRange_ThrowNamingThem()
    {
        Should.Throw<ArgumentException>(() => new LoadOptions { Request = SampleContract.Value.Request, ReleaseHeader = SampleContract.Value.ReleaseHeader, Target = new Uri("http://127.0.0.1:1"), Concurrency = 0 }.Validate())
            .Message.ShouldContain("Concurrency (0)");
    }

    private static LoadGenerator Generator(LoadOptions options) => new(Http, options, TimeProvider.System, Logger.None);
}
