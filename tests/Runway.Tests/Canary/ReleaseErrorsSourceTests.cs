using Runway.Canary;
using Shouldly;
using Xunit;

namespace Runway.Tests.Canary;

public sealed class ReleaseErrorsSourceTests
{
    private static readonly PoolCounters Fresh = new(100, 1, [new LatencyBucket(0.005, 60), new LatencyBucket(double.PositiveInfinity, 100)])
    {
        Series =
        [
            new CounterSeries("http://127.0.0.1:5103", "status=200", SeriesKind.Requests, 0, 100),
            new CounterSeries("http://127.0.0.1:5103", "status=500", SeriesKind.Errors, 0, 1),
            new CounterSeries("http://127.0.0.1:5103", "le=0.005", SeriesKind.Bucket, 0.005, 60),
            new CounterSeries("http://127.0.0.1:5103", "le=+Inf", SeriesKind.Bucket, double.PositiveInfinity, 100),
        ],
    };

    private static readonly PoolCounters Live = new(800, 4, [new LatencyBucket(0.005, 790), new LatencyBucket(double.PositiveInfinity, 800)]);

    [Fact]
    public void Merge_TakesLatencyFromTheFreshPoolOnly_AndRequestsAndErrorsFromBoth()
    {
        var merged = ReleaseErrorsSource.Merge(Fresh, Live);

        (merged.Requests, merged.Errors).ShouldBe((900, 5));
        merged.Latency.ShouldBe(Fresh.Latency, "the busy live pool's faster answers never reach the latency test");
    }

    [Fact]
    public void Merge_KeepsTheLivePoolsSeriesApart_SoTheBakeTakesIncreasesPerSeries()
    {
        var freshAtStart = new PoolCounters(0, 0, []) { Series = [.. Fresh.Series.Select(s => s with { Value = 0 })] };
        var start = ReleaseErrorsSource.Merge(freshAtStart, new PoolCounters(700, 3, []));

        var since = ReleaseErrorsSource.Merge(Fresh, Live).Since(start);

        (since.Requests, since.Errors).ShouldBe((200, 2), "100 and 1 on the fresh pool, 100 and 1 on the live one");
        ReleaseErrorsSource.Merge(Fresh, Live).Series.Where(s => s.Instance.StartsWith("live:", StringComparison.Ordinal)).Select(s => s.Kind)
            .ShouldBe([SeriesKind.Requests, SeriesKind.Errors]);
    }
}
