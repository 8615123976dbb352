using System.Diagnostics;
using System.Net;
using Runway.Sample.Tests.Support;
using Runway.Testing;
using Shouldly;
using Xunit;

namespace Runway.Sample.Tests.Faults;

[Collection("postgres")]
public sealed class FaultInjectionTests(PostgresServer server)
{
    [Fact]
    public async Task ErrorRateOne_AnswersEveryApiRequestWith500_ButNotHealth()
    {
        var environment = await TestSchema.MigratedEnvironmentAsync(server, "faults");
        environment["Sample__ErrorRate"] = "1";
        await using var sample = await SampleProcess.StartAsync(environment);

        for (var i = 0; i < 5; i++)
        {
            using var response = await sample.Client.SendAsync(sample.Request(HttpMethod.Get, "/api/orchestrations", TestJwt.Mint()));
            response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        }

        using var ready = await sample.Client.GetAsync("/health/ready");
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await sample.Client.GetStringAsync("/metrics")).ShouldContain("http_requests_total{route=\"/api/orchestrations\",method=\"GET\",status=\"500\"} 5");
    }

    [Fact]
    public async Task ExtraLatency_DelaysApiRequests()
    {
        var environment = await TestSchema.MigratedEnvironmentAsync(server, "faults");
        environment["Sample__ExtraLatencyMs"] = "400";
        await using var sample = await SampleProcess.StartAsync(environment);

        var watch = Stopwatch.StartNew();
        using var response = await sample.Client.SendAsync(sample.Request(HttpMethod.Get, "/api/orchestrations", TestJwt.Mint()));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        watch.Elapsed.ShouldBeGreaterThan(TimeSpan.FromMilliseconds(380));
    }
}
