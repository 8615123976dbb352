using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Runway.Router.Tests.Support;
using Shouldly;
using Xunit;

namespace Runway.Router.Tests.Leases;

/// <summary>
/// The router's side of a run's safety: a stale fence never changes routes, and a lease that is not renewed returns
/// all traffic to the stable release by itself (a run killed with SIGKILL cannot do it).
/// </summary>
public sealed class LeaseTests : IAsyncLifetime
{
    private readonly RouterFiles _files = RouterFiles.Create();
    private RouterProcess _router = null!;
    private Backend _stable = null!;
    private Backend _canary = null!;

    public async Task InitializeAsync()
    {
        _stable = await Backend.StartAsync("1.0.0");
        _canary = await Backend.StartAsync("1.1.0");
        _router = await RouterProcess.StartAsync(_files);
    }

    public async Task DisposeAsync()
    {
        await _router.DisposeAsync();
        await _stable.DisposeAsync();
        await _canary.DisposeAsync();
        _files.Dispose();
    }

    [Fact]
    public async Task PutRoutes_WithAFenceOlderThanOneSeen_Returns409AndKeepsTheTable()
    {
        (await _router.PutRoutesAsync(Fenced(8, (_stable, 100), (_canary, 0)))).EnsureSuccessStatusCode();

        using var stale = await _router.PutRoutesAsync(Fenced(7, (_stable, 0), (_canary, 100)));

        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await stale.Content.ReadAsStringAsync()).ShouldContain("Fence 7 is stale");
        (await WeightsAsync()).ShouldBe(["1.0.0=100", "1.1.0=0"]);
        (await _router.PutRoutesAsync(Fenced(8, (_stable, 90), (_canary, 10)))).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Lease_NotRenewed_ReturnsAllTrafficToTheStableRelease_AndLogsWhy()
    {
        (await _router.PutRoutesAsync(Fenced(3, (_stable, 90), (_canary, 10)))).EnsureSuccessStatusCode();
        (await PutLeaseAsync(3, "1.0.0", 1.5)).EnsureSuccessStatusCode();
        var clock = Stopwatch.StartNew();

        while ((await WeightsAsync()).SequenceEqual(["1.0.0=90", "1.1.0=10"]) && clock.Elapsed < TimeSpan.FromSeconds(15))
            await Task.Delay(50);

        (await WeightsAsync()).ShouldBe(["1.0.0=100", "1.1.0=0"]);
        clock.Elapsed.ShouldBeGreaterThan(TimeSpan.FromSeconds(1), "not before the lease lapsed");
        _router.Output.ShouldContain("Lease of fence 3 lapsed");
    }

    [Fact]
    public async Task Lease_RenewedAndReleased_LeavesTheTableAsItIs()
    {
        (await _router.PutRoutesAsync(Fenced(4, (_stable, 50), (_canary, 50)))).EnsureSuccessStatusCode();
        (await PutLeaseAsync(4, "1.0.0", 1)).EnsureSuccessStatusCode();
        for (var i = 0; i < 6; i++)
        {
            await Task.Delay(300);
            (await PutLeaseAsync(4, "1.0.0", 1)).EnsureSuccessStatusCode();
        }

        (await _router.Admin.DeleteAsync(new Uri("/lease?fence=4", UriKind.Relative))).EnsureSuccessStatusCode();
        await Task.Delay(2500); // past the lapse and two checks: a released lease must not move traffic

        (await WeightsAsync()).ShouldBe(["1.0.0=50", "1.1.0=50"]);
        (await PutLeaseAsync(3, "1.0.0", 1)).StatusCode.ShouldBe(HttpStatusCode.Conflict, "an older fence cannot take the lease");
    }

    private static object Fenced(long fence, params (Backend Backend, int Weight)[] pools) =>
        new { fence, pools = pools.Select(p => new { release = p.Backend.Name, weight = p.Weight, destinations = new[] { p.Backend.Url } }).ToArray() };

    private Task<HttpResponseMessage> PutLeaseAsync(long fence, string stable, double seconds) =>
        _router.Admin.PutAsJsonAsync("/lease", new { fence, stable, seconds });

    private async Task<string[]> WeightsAsync()
    {
        var table = await _router.GetRoutesAsync();
        return [.. table.GetProperty("pools").EnumerateArray().Select(p => $"{p.GetProperty("release").GetString()}={p.GetProperty("weight").GetInt32()}")];
    }
}
