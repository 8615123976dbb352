using System.Net;
using Runway.Sample.Tests.Support;
using Runway.Testing;
using Shouldly;
using Xunit;

namespace Runway.Sample.Tests.Health;

[Collection("postgres")]
public sealed class ReadinessTests(PostgresServer server)
{
    [Fact]
    public async Task Ready_DatabaseUp_Returns200()
    {
        var connectionString = await server.CreateDatabaseAsync("ready");
        await using var sample = await SampleProcess.StartAsync(SampleProcess.DefaultEnvironment(connectionString));

        using var response = await sample.Client.GetAsync("/health/ready");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Ready_DatabaseOnClosedPort_Returns503WhileLiveStays200()
    {
        var closedPort = PostgresServer.FreePort();
        var environment = SampleProcess.DefaultEnvironment($"Host=127.0.0.1;Port={closedPort};Database=none;Username=nobody;Password=secret-pw");
        await using var sample = await SampleProcess.StartAsync(environment);

        using var ready = await sample.Client.GetAsync("/health/ready");
        using var live = await sample.Client.GetAsync("/health/live");

        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        live.StatusCode.ShouldBe(HttpStatusCode.OK);
        sample.Output.ShouldNotContain("secret-pw");
    }
}
