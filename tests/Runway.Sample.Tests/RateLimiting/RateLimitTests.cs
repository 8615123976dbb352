using System.Net;
using Runway.Sample.Tests.Support;
using Runway.Testing;
using Shouldly;
using Xunit;

namespace Runway.Sample.Tests.RateLimiting;

[Collection("postgres")]
public sealed class RateLimitTests(PostgresServer server)
{
    [Fact]
    public async Task Api_PastTheLimit_Returns429WithRetryAfter_PerClient()
    {
        var environment = await TestSchema.MigratedEnvironmentAsync(server, "ratelimit");
        environment["Sample__RateLimitPerSecond"] = "5";
        await using var sample = await SampleProcess.StartAsync(environment);
        var alice = TestJwt.Mint("alice");

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? rejected = null;
        for (var i = 0; i < 20; i++)
        {
            var response = await sample.Client.SendAsync(sample.Request(HttpMethod.Get, "/api/orchestrations", alice));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) { rejected ??= response; } else { response.Dispose(); }
        }

        statuses.Count(s => s == HttpStatusCode.TooManyRequests).ShouldBeGreaterThan(0);
        statuses.Count(s => s == HttpStatusCode.OK).ShouldBeLessThanOrEqualTo(10, "at most two one-second windows of 5");
        rejected!.Headers.RetryAfter.ShouldNotBeNull();
        using var bob = await sample.Client.SendAsync(sample.Request(HttpMethod.Get, "/api/orchestrations", TestJwt.Mint("bob")));
        bob.StatusCode.ShouldBe(HttpStatusCode.OK, "another client has its own window");
        rejected.Dispose();
    }
}
