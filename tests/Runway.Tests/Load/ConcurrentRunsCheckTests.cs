using Runway.Load;
using Runway.Smoke;
using Runway.Tests.Service;
using Runway.Tests.Smoke;
using Serilog.Core;
using Shouldly;
using Xunit;

namespace Runway.Tests.Load;

public sealed class ConcurrentRunsCheckTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private static readonly string Token = SampleToken.Create(StandInSampleOptions.SigningKey, "concurrent", TimeSpan.FromMinutes(5), TimeProvider.System);

    [Fact]
    public async Task RunAsync_TenCreationsOnAHealthyService_AllSucceedOverlapping()
    {
        await using var sample = await StandInSample.StartAsync(new StandInSampleOptions { ExtraLatencyMs = 500 });
        await WarmUpAsync(sample);

        var result = await Check().RunAsync(sample.Url, Creation, Token);

        result.Passed.ShouldBeTrue();
        result.Succeeded.ShouldBe(10);
        result.ByStatus.ShouldBe(new Dictionary<int, int> { [201] = 10 });
        result.MaxInFlight.ShouldBeGreaterThan(1);
        // Ten 500 ms creations one after another would take 5 s.
        result.ElapsedMs.ShouldBeLessThan(4000);
        result.ToEvidence()["succeeded"]!.GetValue<int>().ShouldBe(10);
    }

    [Fact]
    public async Task RunAsync_RateLimitBelowTheRuns_FailsWithTheStatuses()
    {
        await using var sample = await StandInSample.StartAsync(new StandInSampleOptions { RateLimitPerSecond = 4 });

        var result = await Check().RunAsync(sample.Url, Creation, Token, runs: 12);

        result.Passed.ShouldBeFalse();
        result.ByStatus[201].ShouldBe(4);
        result.ByStatus[429].ShouldBe(8);
    }

    [Fact]
    public async Task RunAsync_FewerThanTenRuns_IsRefused()
    {
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => Check().RunAsync(new Uri("http://127.0.0.1:1"), Creation, Token, runs: 9));
    }

    // The first authenticated request compiles the token validation; keep that out of the timing.
    private static async Task WarmUpAsync(LoopbackServer sample)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(sample.Url, "/api/orchestrations"));
        request.Headers.Authorization = new("Bearer", Token);
        using var response = await Http.SendAsync(request);
    }

    private static Runway.Service.ServiceRequest Creation => SampleContract.Value.ConcurrentRequest!;

    private static ConcurrentRunsCheck Check() => new(Http, TimeProvider.System, Logger.None);
}
