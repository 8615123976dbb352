using System.Net;
using Runway.Sample.Tests.Support;
using Runway.Testing;
using Shouldly;
using Xunit;

namespace Runway.Sample.Tests.Auth;

[Collection("postgres")]
public sealed class AuthenticationTests(PostgresServer server)
{
    [Fact]
    public async Task Api_WithoutTokenOrWithForeignKeyOrWrongAudience_Returns401()
    {
        await using var sample = await SampleProcess.StartAsync(await TestSchema.MigratedEnvironmentAsync(server, "auth"));
        var tokens = new string?[]
        {
            null,
            TestJwt.Mint(key: "another-signing-key-that-is-also-32-bytes-long"),
            TestJwt.Mint(audience: "someone-else"),
            "not-a-jwt",
        };

        foreach (var token in tokens)
        {
            using var response = await sample.Client.SendAsync(sample.Request(HttpMethod.Get, "/api/orchestrations", token));
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"token: {token ?? "(none)"}");
        }

        using var valid = await sample.Client.SendAsync(sample.Request(HttpMethod.Get, "/api/orchestrations", TestJwt.Mint()));
        valid.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Anonymous_HealthVersionMetrics_AreReachableWithoutToken()
    {
        var connectionString = await server.CreateDatabaseAsync("auth");
        await using var sample = await SampleProcess.StartAsync(SampleProcess.DefaultEnvironment(connectionString));

        foreach (var path in new[] { "/health/live", "/health/ready", "/version", "/metrics" })
        {
            using var response = await sample.Client.GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        }
    }
}
