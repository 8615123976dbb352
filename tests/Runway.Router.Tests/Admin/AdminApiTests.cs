using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Runway.Router.Tests.Support;
using Shouldly;
using Xunit;

namespace Runway.Router.Tests.Admin;

public sealed class AdminApiTests(SharedRouter shared) : IClassFixture<SharedRouter>
{
    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    [InlineData("Bearer test-admin-token-012345678")]
    [InlineData("Basic dGVzdA==")]
    public async Task AdminCalls_WithoutTheToken_Return401(string? authorization)
    {
        using var admin = new HttpClient { BaseAddress = shared.Router.Admin.BaseAddress };
        if (authorization is not null)
        {
            admin.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse(authorization);
        }

        foreach (var request in new[] { new HttpRequestMessage(HttpMethod.Get, "/routes"), new HttpRequestMessage(HttpMethod.Get, "/health"), Put("{\"pools\":[]}") })
        {
            using var response = await admin.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, request.RequestUri!.ToString());
        }
    }

    [Theory]
    [InlineData("{\"pools\":[{\"release\":\"a\",\"weight\":60,\"destinations\":[\"http://127.0.0.1:1\"]},{\"release\":\"b\",\"weight\":30,\"destinations\":[\"http://127.0.0.1:2\"]}]}", "sum to 90")]
    [InlineData("{\"pools\":[{\"release\":\"a\",\"weight\":-10,\"destinations\":[\"http://127.0.0.1:1\"]},{\"release\":\"b\",\"weight\":110,\"destinations\":[\"http://127.0.0.1:2\"]}]}", "from 0 to 100")]
    [InlineData("{\"pools\":[{\"release\":\"a\",\"weight\":100,\"destinations\":[\"not a url\"]}]}", "not an absolute http")]
    [InlineData("{\"pools\":[{\"release\":\"a\",\"weight\":100,\"destinations\":[\"ftp://127.0.0.1/x\"]}]}", "not an absolute http")]
    [InlineData("{\"pools\":[{\"release\":\"a\",\"weight\":100,\"destinations\":[]}]}", "destinations is empty")]
    [InlineData("{\"pools\":[{\"weight\":100,\"destinations\":[\"http://127.0.0.1:1\"]}]}", "release is required")]
    [InlineData("{\"pools\":[{\"release\":\"a\",\"weight\":50,\"destinations\":[\"http://127.0.0.1:1\"]},{\"release\":\"a\",\"weight\":50,\"destinations\":[\"http://127.0.0.1:2\"]}]}", "more than one pool")]
    [InlineData("{}", "\\\"pools\\\" is required")]
    [InlineData("{\"pools\": [", "not a route table")]
    public async Task PutRoutes_InvalidTable_Returns400AndKeepsTheOldTable(string body, string message)
    {
        var (files, router) = (shared.Files, shared.Router);
        (await router.PutRoutesAsync(Tables.Of((shared.Backend, 100)))).EnsureSuccessStatusCode();
        var before = (await router.GetRoutesAsync()).GetRawText();
        var savedBefore = await File.ReadAllTextAsync(files.StateFile);

        using var response = await router.Admin.SendAsync(Put(body));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain(message);
        (await router.GetRoutesAsync()).GetRawText().ShouldBe(before);
        (await File.ReadAllTextAsync(files.StateFile)).ShouldBe(savedBefore);
        (await router.Traffic.GetStringAsync("/")).ShouldBe("1.0.0");
    }

    [Fact]
    public async Task GetRoutes_AfterPut_ShowsTheContractShape()
    {
        using var files = RouterFiles.Create();
        await using var router = await RouterProcess.StartAsync(files);

        (await router.Admin.SendAsync(Put("{\"pools\":[{\"release\":\"1.0.0\",\"weight\":100,\"destinations\":[\"http://127.0.0.1:5101/\"]}]}"))).EnsureSuccessStatusCode();

        (await router.GetRoutesAsync()).GetRawText().ShouldBe("{\"generation\":1,\"pools\":[{\"release\":\"1.0.0\",\"weight\":100,\"destinations\":[\"http://127.0.0.1:5101\"]}]}");
    }

    [Fact]
    public async Task Start_WithoutTokenFile_CreatesOneReadableByOwnerOnly()
    {
        using var files = RouterFiles.Create(writeToken: false);

        await using var router = await RouterProcess.StartAsync(files);

        (await File.ReadAllTextAsync(files.TokenFile)).Trim().Length.ShouldBe(64);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(files.TokenFile).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        router.Output.ShouldNotContain((await File.ReadAllTextAsync(files.TokenFile)).Trim());
    }

    private static HttpRequestMessage Put(string json) =>
        new(HttpMethod.Put, "/routes") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}
