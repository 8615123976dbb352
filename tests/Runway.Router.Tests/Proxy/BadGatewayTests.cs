using System.Net;
using Runway.Router.Tests.Support;
using Shouldly;
using Xunit;

namespace Runway.Router.Tests.Proxy;

public sealed class BadGatewayTests
{
    [Fact]
    public async Task Traffic_NoPoolConfigured_Returns502WithMessage()
    {
        using var files = RouterFiles.Create();
        await using var router = await RouterProcess.StartAsync(files);

        using var response = await router.Traffic.GetAsync("/");

        response.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        (await response.Content.ReadAsStringAsync()).ShouldContain("No release pool is configured");
    }

    [Fact]
    public async Task Traffic_DestinationRefuses_Returns502NamingIt()
    {
        using var files = RouterFiles.Create();
        await using var router = await RouterProcess.StartAsync(files);
        var closed = $"http://127.0.0.1:{RouterProcess.FreePort()}";
        (await router.PutRoutesAsync(new { pools = new[] { new { release = "2.0.0", weight = 100, destinations = new[] { closed } } } })).EnsureSuccessStatusCode();

        using var response = await router.Traffic.GetAsync("/");

        response.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        (await response.Content.ReadAsStringAsync()).ShouldContain(closed);
    }

    [Fact]
    public async Task Traffic_ResponsePassesThroughUnchanged()
    {
        using var files = RouterFiles.Create();
        await using var backend = await Backend.StartAsync("1.0.0");
        await using var router = await RouterProcess.StartAsync(files);
        (await router.PutRoutesAsync(Tables.Of((backend, 100)))).EnsureSuccessStatusCode();

        using var viaRouter = await router.Traffic.GetAsync("/routes");

        viaRouter.StatusCode.ShouldBe(HttpStatusCode.OK, "the admin API is not reachable on the traffic port");
        (await viaRouter.Content.ReadAsStringAsync()).ShouldBe("1.0.0");
    }
}
