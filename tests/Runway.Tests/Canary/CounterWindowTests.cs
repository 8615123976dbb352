using Runway.Canary;
using Shouldly;
using Xunit;

namespace Runway.Tests.Canary;

public sealed class CounterWindowTests
{
    [Fact]
    public void Totals_OneOfTwoInstancesRestarts_CountsEachInstancesIncreaseOnly()
    {
        // a serves 100 → 150 → 200; b serves 1000 before the bake, restarts, then 30 → 80.
        var window = new CounterWindow();
        window.Add(Reading(("a", 100, 1), ("b", 1000, 10)));
        window.Add(Reading(("a", 150, 1), ("b", 30, 3)));
        window.Add(Reading(("a", 200, 2), ("b", 80, 4)));

        var totals = window.Totals();

        // Summing first would give (200 + 80) − (100 + 1000) < 0, read as 280 "from zero": b's pre-bake traffic.
        totals.Requests.ShouldBe(100 + 80);
        totals.Errors.ShouldBe(1 + 4);
        totals.Latency[^1].CumulativeCount.ShouldBe(180);
        window.Restarts.ShouldBe(new Dictionary<string, int> { ["b"] = 1 });
    }

    [Fact]
    public void Add_SeriesVanishes_CountsARestartOfItsInstance()
    {
        var window = new CounterWindow();
        window.Add(Reading(("a", 100, 5)));
        window.Add(new PoolCounters(0, 0, []) { Series = [new CounterSeries("a", "", SeriesKind.Requests, 0, 0)] });

        window.RestartCount.ShouldBe(1);
        window.Totals().Requests.ShouldBe(0);
    }

    [Fact]
    public void Add_PoolTotalsOnly_TakesDeltasOnTheTotals()
    {
        var window = new CounterWindow();
        window.Add(ScriptedMetrics.Steady(500, 5));
        window.Add(ScriptedMetrics.Steady(800, 9));

        window.Totals().Requests.ShouldBe(300);
        window.Totals().Errors.ShouldBe(4);
        window.RestartCount.ShouldBe(0);
    }

    // Per instance: one request series (status 200), one error series (status 500) and two latency buckets.
    private static PoolCounters Reading(params (string Instance, double Requests, double Errors)[] instances)
    {
        var series = instances.SelectMany(i => new[]
        {
            new CounterSeries(i.Instance, "status=200", SeriesKind.Requests, 0, i.Requests - i.Errors),
            new CounterSeries(i.Instance, "status=500", SeriesKind.Requests, 0, i.Errors),
            new CounterSeries(i.Instance, "status=500", SeriesKind.Errors, 0, i.Errors),
            new CounterSeries(i.Instance, "", SeriesKind.Bucket, 0.01, i.Requests),
            new CounterSeries(i.Instance, "", SeriesKind.Bucket, double.PositiveInfinity, i.Requests),
        }).ToList();
        return PoolCounters.Sum(series) with { Series = series };
    }
}
