using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Runway.Load;
using Runway.Tests.Smoke;
using Serilog.Core;
using Shouldly;
using Xunit;

namespace Runway.Tests.Service;

/// <summary>Load and the concurrent check send the contract's request, not the sample's.</summary>
public sealed class ServiceRequestLoadTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Load_ANodeStyleService_SendsItsRequestAndCountsByItsReleaseHeader()
    {
        var seen = new ConcurrentBag<string>();
        await using var service = await NodeStyleServiceAsync(seen);
        var contract = SampleContract.NodeStyle;

        var result = await new LoadGenerator(Http, new LoadOptions
        {
            Target = service.Url, Request = contract.Request, ReleaseHeader = contract.ReleaseHeader, RequestsPerSecond = 50, Duration = TimeSpan.FromSeconds(1),
        }, TimeProvider.System, Logger.None).RunAsync(CancellationToken.None);

        result.Requests.ShouldBeGreaterThan(0); // the rate is the load test's concern; here, what each request is
        result.Failures.ShouldBe(0);
        result.ByRelease.Keys.ShouldBe(["3.1.0"]);
        seen.ShouldAllBe(s => s.StartsWith("POST /v1/items runway {\"name\":\"load-", StringComparison.Ordinal));
        seen.ShouldNotContain(s => s.Contains("Bearer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConcurrentRuns_ANodeStyleServiceWithoutAuth_SendsTenNumberedRequestsWithoutAToken()
    {
        var seen = new ConcurrentBag<string>();
        await using var service = await NodeStyleServiceAsync(seen);

        var result = await new ConcurrentRunsCheck(Http, TimeProvider.System, Logger.None).RunAsync(service.Url, SampleContract.NodeStyle.Request, token: null);

        result.Passed.ShouldBeTrue();
        seen.Select(s => s[(s.LastIndexOf('-') + 1)..]).Order().ShouldBe(Enumerable.Range(1, 10).Select(i => $"{i}\"}}").Order());
    }

    private static Task<LoopbackServer> NodeStyleServiceAsync(ConcurrentBag<string> seen) => LoopbackServer.StartAsync(app =>
        app.MapPost("/v1/items", async (HttpContext context) =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            seen.Add($"{context.Request.Method} {context.Request.Path} {context.Request.Headers["X-Client"]} {body}{context.Request.Headers.Authorization}");
            context.Response.Headers["X-Version"] = "3.1.0";
            return Results.Created("/v1/items/1", null);
        }));
}
