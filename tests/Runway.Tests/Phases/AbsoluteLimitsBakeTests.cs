using Microsoft.Extensions.Time.Testing;
using Runway.Canary;
using Runway.Load;
using Runway.Phases;
using Runway.Service;
using Runway.Service.Metrics;
using Runway.Tests.Canary;
using Runway.Tests.Service;
using Serilog;
using Shouldly;
using Xunit;
using Runway.Testing;

namespace Runway.Tests.Phases;

public sealed class AbsoluteLimitsBakeTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task RunAsync_TimerFiringAMillisecondEarly_TakesExactlyThePlannedLooks()
    {
        // A real timer may wake a millisecond early: the fifth look at 9.999 s of a 10 s bake is the last one, not
        // followed by slivers of looks a few milliseconds long.
        await using var pool = await StandInPool.StartAsync("1.0.0");
        var options = new CanaryOptions { BakeDuration = TimeSpan.FromSeconds(10), Interval = TimeSpan.FromSeconds(2) };
        var log = new LogCapture();
        var logger = new LoggerConfiguration().WriteTo.Sink(log).CreateLogger();
        var time = new EarlyTimerTime(TimeSpan.FromMilliseconds(1));
        var metrics = new MetricSource("scrape", new ScrapeMetricsSource(Http, TimeProvider.System), "http_requests_total", (_, _) => Task.FromResult(""), () => null);
        var noLoad = new SyntheticLoad(new ServiceAccess(Http, () => throw new InvalidOperationException("no contract"), null, true), false, 1, time, logger);

        var (judgement, evidence) = await new AbsoluteLimitsBake(options, new AbsoluteLimits(), () => metrics, noLoad, time, logger)
            .RunAsync(null, pool.Pool, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        var looks = log.Lines.Where(l => l.StartsWith("Absolute-limits bake of", StringComparison.Ordinal)).ToList();
        looks.Count.ShouldBe(options.PlannedLooks, string.Join("\n", looks));
        evidence["bakeSeconds"]!.GetValue<double>().ShouldBe(10);
        judgement.Verdict.ShouldBe(CanaryVerdict.Inconclusive);
    }

    [Fact]
    public async Task RunAsync_RouterDead_TheVerdictSaysTheLoadReachedNothingRatherThanTooLittleTraffic()
    {
        // The pool serves, but the URL the load is sent through (the router's) has nothing listening: every request is refused.
        await using var pool = await StandInPool.StartAsync("1.0.0");
        var deadRouter = $"http://127.0.0.1:{PostgresServer.FreePort()}";
        var options = new CanaryOptions { BakeDuration = TimeSpan.FromSeconds(2), Interval = TimeSpan.FromSeconds(1) };
        var metrics = new MetricSource("scrape", new ScrapeMetricsSource(Http, TimeProvider.System), "http_requests_total", (_, _) => Task.FromResult(""), () => null);
        var load = new SyntheticLoad(new ServiceAccess(Http, () => SampleContract.Value, null, true), true, 20, TimeProvider.System, Serilog.Core.Logger.None);

        var (judgement, evidence) = await new AbsoluteLimitsBake(options, new AbsoluteLimits(), () => metrics, load, TimeProvider.System, Serilog.Core.Logger.None)
            .RunAsync(deadRouter, pool.Pool, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        judgement.Verdict.ShouldBe(CanaryVerdict.Inconclusive);
        var sent = evidence["load"]!["requests"]!.GetValue<long>();
        sent.ShouldBeGreaterThan(0);
        judgement.Reason.ShouldContain($"the load reached nothing: {sent} of {sent} requests failed to connect to {deadRouter}");
    }

    // Wakes each timer a little before its due time, as a real timer may.
    private sealed class EarlyTimerTime(TimeSpan early) : FakeTimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime > early ? dueTime - early : dueTime, period);
            ThreadPool.QueueUserWorkItem(_ => Advance(dueTime > early ? dueTime - early : dueTime));
            return timer;
        }
    }
}
