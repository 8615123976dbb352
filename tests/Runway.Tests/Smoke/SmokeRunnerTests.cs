using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Runway.Smoke;
using Serilog.Core;
using Shouldly;
using Xunit;
using Runway.Testing;

namespace Runway.Tests.Smoke;

public sealed class SmokeRunnerTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private static readonly SmokeOptions Quick = new() { WarmUpRetries = 4, WarmUpDelay = TimeSpan.FromMilliseconds(20), TotalTimeout = TimeSpan.FromSeconds(15) };
    private static readonly string Token = SampleToken.Create(StandInSampleOptions.SigningKey, "smoke", TimeSpan.FromMinutes(5), TimeProvider.System);

    [Fact]
    public async Task RunAsync_DefaultProbesAgainstAHealthySample_PassesAndProvesTheChecks()
    {
        await using var sample = await StandInSample.StartAsync();

        var report = await Runner().RunAsync(sample.Url, SmokeProbeFile.Load(SmokeProbeFileTests.DefaultProbesPath()), Token, CancellationToken.None);

        report.Failures.ShouldBeEmpty();
        report.ProvenChecks().ShouldBe(["smoke-passed", "auth-required", "metrics-series", "rate-limit-429"], ignoreOrder: true);
        report.Results.Single(r => r.Proves == "rate-limit-429").StatusCounts!.Keys.ShouldContain(429);
        report.ToEvidence("auth-required")["probes"]!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task RunAsync_MissingSeriesAndNoRateLimit_FailsWithReasons()
    {
        await using var sample = await StandInSample.StartAsync(new StandInSampleOptions { WithoutReleaseInfo = true, RateLimitPerSecond = 10_000 });

        var report = await Runner().RunAsync(sample.Url, SmokeProbeFile.Load(SmokeProbeFileTests.DefaultProbesPath()), Token, CancellationToken.None);

        report.Passed.ShouldBeFalse();
        report.Failures.Select(f => f.Name).ShouldBe(["metrics-series", "rate-limit"]);
        report.Results.Single(r => r.Name == "metrics-series").Reason.ShouldBe("GET /metrics: body lacks 'sample_release_info'.");
        report.Results.Single(r => r.Name == "rate-limit").Reason!.ShouldContain("got no 429; answers: 400× 200");
        report.ProvenChecks().ShouldBe(["smoke-passed", "auth-required"], ignoreOrder: true);
    }

    [Fact]
    public async Task RunAsync_ServiceWarmingUp_RetriesUntilItAnswers()
    {
        await using var sample = await StandInSample.StartAsync(new StandInSampleOptions { WarmUpFailures = 3 });

        var report = await Runner().RunAsync(sample.Url, [new SmokeProbe { Name = "ready", Path = "/health/ready" }], null, CancellationToken.None);

        report.Passed.ShouldBeTrue();
        report.Results[0].Attempts.ShouldBe(4);
    }

    [Fact]
    public async Task RunAsync_ServiceDown_FailsAfterBoundedAttempts()
    {
        var down = new Uri($"http://127.0.0.1:{Runway.Testing.PostgresServer.FreePort()}");

        var report = await Runner().RunAsync(down, [new SmokeProbe { Name = "ready", Path = "/health/ready" }], null, CancellationToken.None);

        report.Results[0].Passed.ShouldBeFalse();
        report.Results[0].Attempts.ShouldBe(5);
        report.Results[0].Reason!.ShouldContain("No answer after 5 attempt(s)");
    }

    [Fact]
    public async Task RunAsync_HangingService_StopsAtTheTotalTimeAndFailsTheRest()
    {
        await using var hanging = await LoopbackServer.StartAsync(app => app.MapGet("/slow", async (CancellationToken ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(20), ct);
            return Results.Ok();
        }));
        var options = new SmokeOptions { TotalTimeout = TimeSpan.FromMilliseconds(600), RequestTimeout = TimeSpan.FromSeconds(10) };
        var clock = Stopwatch.StartNew();

        var report = await new SmokeRunner(Http, options, TimeProvider.System, Logger.None).RunAsync(
            hanging.Url, [new SmokeProbe { Name = "slow", Path = "/slow" }, new SmokeProbe { Name = "after", Path = "/slow" }], null, CancellationToken.None);

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        report.Results.Count.ShouldBe(2);
        report.Results.ShouldAllBe(r => !r.Passed && r.Reason!.Contains("total time"));
    }

    [Fact]
    public async Task RunAsync_ServiceEchoingTheToken_MasksItInResultsAndLogs()
    {
        await using var echo = await LoopbackServer.StartAsync(app => app.MapGet("/echo", (HttpRequest request) =>
            Results.BadRequest("you sent " + request.Headers.Authorization)));
        var logs = new LogCapture();
        var probe = new SmokeProbe { Name = "echo", Path = "/echo?t={token}", Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer {token}" } };

        var report = await new SmokeRunner(Http, Quick, TimeProvider.System, logs.Logger).RunAsync(echo.Url, [probe], Token, CancellationToken.None);

        var result = report.Results[0];
        result.Passed.ShouldBeFalse();
        result.Reason!.ShouldContain("you sent Bearer ***");
        report.ToEvidence().ToJsonString().ShouldNotContain(Token);
        logs.Lines.ShouldNotBeEmpty();
        logs.LinesWithProperties.ShouldAllBe(line => !line.Contains(Token));
    }

    [Fact]
    public async Task RunAsync_TokenNeededButMissing_FailsSayingSo()
    {
        await using var sample = await StandInSample.StartAsync();
        var probe = new SmokeProbe { Name = "api", Path = "/api/orchestrations", Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer {token}" } };

        var report = await Runner().RunAsync(sample.Url, [probe], null, CancellationToken.None);

        report.Results[0].Reason!.ShouldContain("no token was given");
    }

    [Fact]
    public async Task RunAsync_SlowAnswer_FailsOnMaxLatency()
    {
        await using var sample = await StandInSample.StartAsync(new StandInSampleOptions { ExtraLatencyMs = 150 });
        var probe = new SmokeProbe { Name = "api", Path = "/api/orchestrations", MaxLatencyMs = 50, Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer {token}" } };

        var report = await Runner().RunAsync(sample.Url, [probe], Token, CancellationToken.None);

        report.Results[0].Reason!.ShouldContain("over the 50 ms allowed");
    }

    private static SmokeRunner Runner() => new(Http, Quick, TimeProvider.System, Logger.None);
}
