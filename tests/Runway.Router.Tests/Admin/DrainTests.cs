using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Runway.Router.Tests.Support;
using Shouldly;
using Xunit;

namespace Runway.Router.Tests.Admin;

public sealed class DrainTests
{
    [Fact]
    public async Task Put_RemovingPoolWithSlowRequestInFlight_AnswersAfterItFinishes()
    {
        using var files = RouterFiles.Create();
        await using var old = await Backend.StartAsync("1.0.0");
        await using var next = await Backend.StartAsync("1.1.0");
        await using var router = await RouterProcess.StartAsync(files);
        (await router.PutRoutesAsync(Tables.Of((old, 100)))).EnsureSuccessStatusCode();
        var slow = router.Traffic.GetAsync("/slow?ms=1500");
        await old.SlowRequestStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var watch = Stopwatch.StartNew();

        using var put = await router.PutRoutesAsync(Tables.Of((next, 100)));
        var putTook = watch.Elapsed;

        slow.IsCompleted.ShouldBeTrue("the PUT answered before the in-flight request finished");
        using var slowResponse = await slow;
        slowResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await slowResponse.Content.ReadAsStringAsync()).ShouldBe("1.0.0");
        put.StatusCode.ShouldBe(HttpStatusCode.OK);
        var drain = (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("drain");
        drain.GetProperty("drained").GetBoolean().ShouldBeTrue();
        drain.GetProperty("removedDestinations")[0].GetString().ShouldBe(old.Url);
        putTook.ShouldBeGreaterThan(TimeSpan.FromMilliseconds(800));
        (await router.Traffic.GetStringAsync("/")).ShouldBe("1.1.0");
    }

    [Fact]
    public async Task Put_DrainLongerThanTimeout_AnswersWithRemainingRequests()
    {
        using var files = RouterFiles.Create();
        await using var old = await Backend.StartAsync("1.0.0");
        await using var next = await Backend.StartAsync("1.1.0");
        await using var router = await RouterProcess.StartAsync(files, drainTimeout: "0.3");
        (await router.PutRoutesAsync(Tables.Of((old, 100)))).EnsureSuccessStatusCode();
        var slow = router.Traffic.GetAsync("/slow?ms=2500");
        await old.SlowRequestStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));

        using var put = await router.PutRoutesAsync(Tables.Of((next, 100)));

        var drain = (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("drain");
        drain.GetProperty("drained").GetBoolean().ShouldBeFalse();
        drain.GetProperty("remainingRequests").GetInt32().ShouldBe(1);
        slow.IsCompleted.ShouldBeFalse();
        using var slowResponse = await slow;
        slowResponse.StatusCode.ShouldBe(HttpStatusCode.OK, "a timed-out drain still lets the request finish");
    }
}
