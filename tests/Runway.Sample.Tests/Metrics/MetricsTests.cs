using Runway.Sample.Tests.Support;
using Runway.Testing;
using Shouldly;
using Xunit;

namespace Runway.Sample.Tests.Metrics;

[Collection("postgres")]
public sealed class MetricsTests(PostgresServer server)
{
    [Fact]
    public async Task Metrics_AfterRequests_ExposeTheThreeSeriesWithEndpointTemplates()
    {
        await using var sample = await SampleProcess.StartAsync(await TestSchema.MigratedEnvironmentAsync(server, "metrics"));
        var token = TestJwt.Mint();
        (await sample.Client.SendAsync(sample.Request(HttpMethod.Get, "/api/orchestrations/7", token))).Dispose();
        (await sample.Client.SendAsync(sample.Request(HttpMethod.Get, "/api/orchestrations", token))).Dispose();
        (await sample.Client.SendAsync(sample.Request(HttpMethod.Get, "/api/orchestrations"))).Dispose();

        var text = await sample.Client.GetStringAsync("/metrics");

        text.ShouldContain("http_requests_total{route=\"/api/orchestrations/{id}\",method=\"GET\",status=\"404\"} 1");
        text.ShouldContain("http_requests_total{route=\"/api/orchestrations\",method=\"GET\",status=\"200\"} 1");
        text.ShouldContain("http_requests_total{route=\"/api/orchestrations\",method=\"GET\",status=\"401\"} 1");
        text.ShouldContain("http_request_duration_seconds_bucket{route=\"/api/orchestrations/{id}\",method=\"GET\",le=\"0.005\"}");
        text.ShouldContain("http_request_duration_seconds_bucket{route=\"/api/orchestrations/{id}\",method=\"GET\",le=\"2.5\"}");
        text.ShouldContain("sample_release_info{release=\"1.1.0\"} 1");
    }
}
