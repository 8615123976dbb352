using System.Net.Http.Json;
using System.Text.Json;
using Runway.Sample.Tests.Support;
using Runway.Testing;
using Shouldly;
using Xunit;

namespace Runway.Sample.Tests.Release;

[Collection("postgres")]
public sealed class ReleaseTests(PostgresServer server)
{
    [Fact]
    public async Task Version_AndEveryResponse_CarryTheRelease()
    {
        var connectionString = await server.CreateDatabaseAsync("release");
        await using var sample = await SampleProcess.StartAsync(SampleProcess.DefaultEnvironment(connectionString));

        using var version = await sample.Client.GetAsync("/version");
        using var unauthorized = await sample.Client.GetAsync("/api/orchestrations");
        using var missing = await sample.Client.GetAsync("/no-such-page");

        (await version.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("release").GetString().ShouldBe("1.1.0");
        foreach (var response in new[] { version, unauthorized, missing })
        {
            response.Headers.GetValues("X-Release").ShouldBe(["1.1.0"]);
        }
    }
}
