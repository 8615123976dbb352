using System.Net;
using Runway.Sample.Tests.Support;
using Runway.Testing;
using Shouldly;
using Xunit;

namespace Runway.Sample.Tests.Configuration;

[Collection("postgres")]
public sealed class StartupTests(PostgresServer server)
{
    [Theory]
    [InlineData(null, "No JWT signing key")]
    [InlineData("too-short", "at least 32 bytes")]
    public async Task Start_WithoutUsableSigningKey_RefusesWithMessage(string? key, string message)
    {
        var environment = SampleProcess.DefaultEnvironment("Host=127.0.0.1;Database=x;Username=y");
        environment["Sample__JwtSigningKey"] = key;
        await using var sample = SampleProcess.Launch(environment, out _);

        await sample.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        sample.Process.ExitCode.ShouldBe(2);
        sample.Output.ShouldContain(message);
    }

    [Fact]
    public async Task Sigterm_WithRequestInFlight_FinishesTheRequestThenExits()
    {
        var environment = await TestSchema.MigratedEnvironmentAsync(server, "shutdown");
        environment["Sample__ExtraLatencyMs"] = "1500";
        await using var sample = await SampleProcess.StartAsync(environment);

        var inFlight = sample.Client.SendAsync(sample.Request(HttpMethod.Get, "/api/orchestrations", TestJwt.Mint()));
        await Task.Delay(300);
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", sample.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var response = await inFlight;
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        await sample.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        sample.Process.ExitCode.ShouldBe(0);
        sample.Output.ShouldNotContain(TestJwt.SigningKey);
    }
}
