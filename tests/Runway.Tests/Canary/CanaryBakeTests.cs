using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Runway.Canary;
using Serilog.Core;
using Shouldly;
using Xunit;

namespace Runway.Tests.Canary;

public sealed class CanaryBakeTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private static readonly CanaryOptions ShortBake = new() { BakeDuration = TimeSpan.FromSeconds(2), Interval = TimeSpan.FromMilliseconds(200) };

    // Longer, so that "stopped before the end" has room even on a busy machine.
    private static readonly CanaryOptions LongerBake = new() { BakeDuration = TimeSpan.FromSeconds(6), Interval = TimeSpan.FromMilliseconds(200) };

    [Fact]
    public async Task RunAsync_CanaryFailingFivePercent_FailsBeforeTheBakeEnds()
    {
        await using var baseline = await StandInPool.StartAsync("1.0.0");
        await using var canary = await StandInPool.StartAsync("1.1.0", errorRate: 0.05);
        var progress = new List<BakeProgress>();
        using var traffic = new CancellationTokenSource();
        var load = DriveAsync(traffic.Token, baseline, canary);
        var clock = Stopwatch.StartNew();

        var result = await new CanaryBake(new ScrapeMetricsSource(Http, TimeProvider.System), LongerBake, TimeProvider.System, Logger.None)
            .RunAsync(baseline.Pool, canary.Pool, new SynchronousProgress(progress), CancellationToken.None);

        clock.Elapsed.ShouldBeLessThan(LongerBake.BakeDuration - TimeSpan.FromSeconds(2));
        await traffic.CancelAsync();
        await load;
        result.Verdict.ShouldBe(CanaryVerdict.Fail, result.Analysis.Reason);
        result.StoppedEarly.ShouldBeTrue();
        result.Analysis.Canary.ErrorRate.ShouldBeGreaterThan(0.03);
        progress.ShouldNotBeEmpty();
        progress[^1].Verdict.ShouldBe(CanaryVerdict.Fail);
    }

    [Fact]
    public async Task RunAsync_HealthyCanary_PassesAfterTheWholeBake()
    {
        await using var baseline = await StandInPool.StartAsync("1.0.0");
        await using var canary = await StandInPool.StartAsync("1.1.0");
        var progress = new List<BakeProgress>();
        using var traffic = new CancellationTokenSource();
        var load = DriveAsync(traffic.Token, baseline, canary);

        var result = await new CanaryBake(new ScrapeMetricsSource(Http, TimeProvider.System), ShortBake, TimeProvider.System, Logger.None)
            .RunAsync(baseline.Pool, canary.Pool, new SynchronousProgress(progress), CancellationToken.None);

        await traffic.CancelAsync();
        await load;
        result.Verdict.ShouldBe(CanaryVerdict.Pass, result.Analysis.Reason);
        result.Elapsed.ShouldBeGreaterThanOrEqualTo(ShortBake.BakeDuration);
        result.StoppedEarly.ShouldBeFalse();
        progress.Count.ShouldBe(result.Intervals);
        progress[0].Remaining.ShouldBeLessThan(ShortBake.BakeDuration);
        progress[^1].CanaryRequests.ShouldBeGreaterThan(50);
        result.ToEvidence()["intervals"]!.GetValue<int>().ShouldBe(result.Intervals);
    }

    [Fact]
    public async Task RunAsync_NoTraffic_EndsInconclusiveWithFakeTime()
    {
        await using var baseline = await StandInPool.StartAsync("1.0.0");
        await using var canary = await StandInPool.StartAsync("1.1.0");
        var time = new TimerCountingTime();
        var options = new CanaryOptions { BakeDuration = TimeSpan.FromMinutes(10), Interval = TimeSpan.FromMinutes(1) };
        var progress = new List<BakeProgress>();

        var bake = new CanaryBake(new ScrapeMetricsSource(Http, TimeProvider.System), options, time, Logger.None)
            .RunAsync(baseline.Pool, canary.Pool, new SynchronousProgress(progress), CancellationToken.None);
        for (var interval = 1; interval <= 10; interval++)
        {
            // Advance only once the bake waits for its next interval, so each step is exactly one interval.
            for (var waited = 0; Volatile.Read(ref time.Timers) < interval && !bake.IsCompleted && waited < 2000; waited++)
            {
                await Task.Delay(5);
            }

            time.Advance(TimeSpan.FromMinutes(1));
        }

        var result = await bake.WaitAsync(TimeSpan.FromSeconds(20));
        result.Verdict.ShouldBe(CanaryVerdict.Inconclusive);
        result.Intervals.ShouldBe(10);
        result.Elapsed.ShouldBe(TimeSpan.FromMinutes(10));
        progress.Select(p => p.Remaining).ShouldBe(Enumerable.Range(0, 10).Select(i => TimeSpan.FromMinutes(9 - i)));
    }

    [Fact]
    public async Task RunAsync_TimerFiringAMillisecondEarly_EndsAtThePlannedLookWithItsBoundary()
    {
        // A real timer may wake a millisecond early: the fifth look at 9.999 s of a 10 s bake is the last one, not a
        // sixth "look 6/5" a millisecond later that has no α left and reports the bake's boundary as infinite.
        var options = new CanaryOptions { BakeDuration = TimeSpan.FromSeconds(10), Interval = TimeSpan.FromSeconds(2) };
        var metrics = new ScriptedMetrics((_, read) => ScriptedMetrics.Steady(read * 200.0));

        var result = await new CanaryBake(metrics, options, new EarlyTimerTime(TimeSpan.FromMilliseconds(1)), Logger.None)
            .RunAsync(new CanaryPool("1.0.0", []), new CanaryPool("1.1.0", []), null, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(20));

        result.Intervals.ShouldBe(options.PlannedLooks);
        result.Analysis.Boundary.ShouldBeLessThan(double.PositiveInfinity, result.Analysis.Reason);
    }

    private sealed class EarlyTimerTime(TimeSpan early) : FakeTimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime > early ? dueTime - early : dueTime, period);
            ThreadPool.QueueUserWorkItem(_ => Advance(dueTime > early ? dueTime - early : dueTime));
            return timer;
        }
    }

    [Fact]
    public async Task RunAsync_FractionalCountsFromPrometheus_AreLoggedAsWholeRequests()
    {
        // Prometheus's increase() extrapolates to the window's edges, so its counts are fractional (144.072…);
        // a person reads requests, not the extrapolation's digits.
        var options = new CanaryOptions { BakeDuration = TimeSpan.FromMinutes(2), Interval = TimeSpan.FromMinutes(1) };
        var metrics = new ScriptedMetrics((_, read) => ScriptedMetrics.Steady(read * 144.07207207207207));
        var log = new Runway.Testing.LogCapture();

        await new CanaryBake(metrics, options, new AutoAdvancingTime(), new Serilog.LoggerConfiguration().WriteTo.Sink(log).CreateLogger())
            .RunAsync(new CanaryPool("1.0.0", []), new CanaryPool("1.1.0", []), null, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(20));

        var looks = log.Lines.Where(l => l.StartsWith("Canary bake look", StringComparison.Ordinal)).ToList();
        looks.ShouldNotBeEmpty();
        looks.ShouldAllBe(l => !l.Contains(".072"), string.Join("\n", looks));
        looks[0].ShouldContain("baseline 144 requests");
    }

    [Fact]
    public async Task RunAsync_BaselineUnreadableOnce_IsAMeasurementErrorNotAVerdict()
    {
        var options = new CanaryOptions { BakeDuration = TimeSpan.FromMinutes(5), Interval = TimeSpan.FromMinutes(1) };
        var metrics = new ScriptedMetrics((pool, read) => pool.Release == "1.0.0" && read == 2
            ? throw new MetricsUnavailableException("Could not read metrics from http://127.0.0.1:1/metrics: connection refused.")
            : ScriptedMetrics.Steady(read * 900, pool.Release == "1.0.0" ? read * 9 : read));

        var result = await new CanaryBake(metrics, options, new AutoAdvancingTime(), Logger.None)
            .RunAsync(new CanaryPool("1.0.0", []), new CanaryPool("1.1.0", []), null, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(20));

        result.Verdict.ShouldBe(CanaryVerdict.Pass, result.Analysis.Reason);
        result.ToEvidence().ToJsonString().ShouldContain("127.0.0.1:1");
    }

    [Fact]
    public async Task RunAsync_CanaryInstanceRestarts_Fails()
    {
        var options = new CanaryOptions { BakeDuration = TimeSpan.FromMinutes(5), Interval = TimeSpan.FromMinutes(1) };
        // The canary's counters drop at the third read: its process restarted, though its counts look healthy.
        var metrics = new ScriptedMetrics((pool, read) => pool.Release == "1.1.0" && read >= 3
            ? ScriptedMetrics.Steady((read - 3) * 100)
            : ScriptedMetrics.Steady(read * 900));

        var result = await new CanaryBake(metrics, options, new AutoAdvancingTime(), Logger.None)
            .RunAsync(new CanaryPool("1.0.0", []), new CanaryPool("1.1.0", []), null, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(20));

        result.Verdict.ShouldBe(CanaryVerdict.Fail);
        result.Analysis.Reason.ShouldContain("restarted");
        result.Intervals.ShouldBe(3);
        result.ToEvidence()["restarts"]!["canary"]!["pool"]!.GetValue<int>().ShouldBe(1);
    }

    [Theory]
    [InlineData("1.1.0", CanaryVerdict.Fail)]
    [InlineData("1.0.0", CanaryVerdict.Inconclusive)]
    public async Task RunAsync_PoolUnreadableFourLooksInARow_StopsNamingTheInstanceWithoutBlamingTheCanaryForTheBaseline(string unreadable, CanaryVerdict verdict)
    {
        var options = new CanaryOptions { BakeDuration = TimeSpan.FromMinutes(10), Interval = TimeSpan.FromMinutes(1) };
        var metrics = new ScriptedMetrics((pool, read) => pool.Release == unreadable && read >= 2
            ? throw new MetricsUnavailableException("Could not read metrics from http://127.0.0.1:9/metrics: connection refused.")
            : ScriptedMetrics.Steady(read * 900));

        var result = await new CanaryBake(metrics, options, new AutoAdvancingTime(), Logger.None)
            .RunAsync(new CanaryPool("1.0.0", []), new CanaryPool("1.1.0", []), null, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(20));

        result.Verdict.ShouldBe(verdict);
        result.Intervals.ShouldBe(5);
        result.StoppedEarly.ShouldBeTrue();
        result.Analysis.Reason.ShouldContain("127.0.0.1:9");
        result.ToEvidence()["measurementErrors"]!.GetValue<int>().ShouldBe(4);
    }

    [Fact]
    public async Task RunAsync_Looks_CarryBoundariesFromTheSpendingFunction()
    {
        var options = new CanaryOptions { BakeDuration = TimeSpan.FromMinutes(2), Interval = TimeSpan.FromMinutes(1), Alpha = 0.025 };
        var metrics = new ScriptedMetrics((pool, read) => ScriptedMetrics.Steady(read * 900));

        var result = await new CanaryBake(metrics, options, new AutoAdvancingTime(), Logger.None)
            .RunAsync(new CanaryPool("1.0.0", []), new CanaryPool("1.1.0", []), null, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(20));

        // Looks at t = 1/2 and 1 with HSD(−4), α = 0.025: the mpmath reference of ReferenceValueTests.
        result.Looks.Select(look => look.Analysis!.Boundary).ShouldBe([2.7499659318352183, 1.9811314717388848], tolerance: 1e-4);
        result.Verdict.ShouldBe(CanaryVerdict.Pass);
        result.ToEvidence()["sequential"]!["method"]!.GetValue<string>().ShouldContain("Hwang-Shih-DeCani");
    }

    private static Task DriveAsync(CancellationToken stop, params StandInPool[] pools) =>
        Task.WhenAll(pools.Select(pool => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await pool.SendAsync(Http, 20);
            }
        })));

    /// <summary>Fake time that counts the timers created, i.e. the delays the bake has started.</summary>
    private sealed class TimerCountingTime : FakeTimeProvider
    {
        public int Timers;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            // Count only once the timer is registered: advancing before that would leave it waiting forever.
            var timer = base.CreateTimer(callback, state, dueTime, period);
            Interlocked.Increment(ref Timers);
            return timer;
        }
    }

    /// <summary>Records reports on the reporting thread (Progress&lt;T&gt; would post them later).</summary>
    private sealed class SynchronousProgress(List<BakeProgress> reports) : IProgress<BakeProgress>
    {
        public void Report(BakeProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
