using System.Diagnostics;
using System.Net.Http.Json;
using Runway.Router.Tests.Support;
using Shouldly;
using Xunit;

namespace Runway.Router.Tests.Routing;

/// <summary>
/// Two pools of one release in the table: the live pool <c>1.0.0</c> and the canary's fresh baseline <c>1.0.0~baseline</c>
/// (its own instances, the same release). The router keys pools by name, so each gets its own share, and a lapsed
/// lease returns all traffic to the release's live pool, never to the baseline.
/// </summary>
public sealed class BaselinePoolRoutingTests : IAsyncLifetime
{
    private readonly RouterFiles _files = RouterFiles.Create();
    private RouterProcess _router = null!;
    private Backend _live = null!;
    private Backend _fresh = null!;
    private Backend _canary = null!;

    public async Task InitializeAsync()
    {
        _live = await Backend.StartAsync("1.0.0");
        _fresh = await Backend.StartAsync("1.0.0");
        _canary = await Backend.StartAsync("1.1.0");
        _router = await RouterProcess.StartAsync(_files);
    }

    public async Task DisposeAsync()
    {
        await _router.DisposeAsync();
        await _live.DisposeAsync();
        await _fresh.DisposeAsync();
        await _canary.DisposeAsync();
        _files.Dispose();
    }

    [Fact]
    public async Task TwoPoolsOfOneRelease_EachGetTheirOwnShare()
    {
        (await _router.PutRoutesAsync(Table(null, 80, 10, 10))).EnsureSuccessStatusCode();

        for (var i = 0; i < 100; i++) await _router.Traffic.GetStringAsync("/anything");

        (_live.Requests, _fresh.Requests, _canary.Requests).ShouldBe((80, 10, 10));
        (await WeightsAsync()).ShouldBe(["1.0.0=80", "1.0.0~baseline=10", "1.1.0=10"]);
    }

    [Fact]
    public async Task LapsedLease_ReturnsAllTrafficToTheLivePool_AndTheBaselineToZero()
    {
        (await _router.PutRoutesAsync(Table(5, 80, 10, 10))).EnsureSuccessStatusCode();
        (await _router.Admin.PutAsJsonAsync("/lease", new { fence = 5, stable = "1.0.0", seconds = 1 })).EnsureSuccessStatusCode();
        var clock = Stopwatch.StartNew();

        while (!(await WeightsAsync()).Contains("1.0.0=100") && clock.Elapsed < TimeSpan.FromSeconds(15))
            await Task.Delay(50);

        (await WeightsAsync()).ShouldBe(["1.0.0=100", "1.0.0~baseline=0", "1.1.0=0"]);
    }

    private object Table(long? fence, int live, int fresh, int canary) => new
    {
        fence,
        pools = new[]
        {
            new { release = "1.0.0", weight = live, destinations = new[] { _live.Url } },
            new { release = "1.0.0~baseline", weight = fresh, destinations = new[] { _fresh.Url } },
            new { release = "1.1.0", weight = canary, destinations = new[] { _canary.Url } },
        },
    };

    private async Task<string[]> WeightsAsync()
    {
        var table = await _router.GetRoutesAsync();
        return [.. table.GetProperty("pools").EnumerateArray().Select(p => $"{p.GetProperty("release").GetString()}={p.GetProperty("weight").GetInt32()}")];
    }
}
