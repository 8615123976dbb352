using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Runway.Sample.Tests.Support;
using Runway.Testing;
using Shouldly;
using Xunit;

namespace Runway.Sample.Tests.Orchestrations;

[Collection("postgres")]
public sealed class OrchestrationApiTests(PostgresServer server)
{
    [Fact]
    public async Task CreateGetList_WithToken_RoundTripsThroughPostgres()
    {
        await using var sample = await StartAsync();
        var token = TestJwt.Mint();

        using var create = sample.Request(HttpMethod.Post, "/api/orchestrations", token);
        create.Content = JsonContent.Create(new { name = "nightly-report", definition = new { steps = new[] { "extract", "load" } } });
        using var created = await sample.Client.SendAsync(create);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetInt64();
        created.Headers.Location!.ToString().ShouldBe($"/api/orchestrations/{id}");

        using var get = await sample.Client.SendAsync(sample.Request(HttpMethod.Get, $"/api/orchestrations/{id}", token));
        get.StatusCode.ShouldBe(HttpStatusCode.OK);
        var fetched = await get.Content.ReadFromJsonAsync<JsonElement>();
        fetched.GetProperty("name").GetString().ShouldBe("nightly-report");
        fetched.GetProperty("definition").GetProperty("steps")[1].GetString().ShouldBe("load");

        using var list = await sample.Client.SendAsync(sample.Request(HttpMethod.Get, "/api/orchestrations?limit=10", token));
        var items = await list.Content.ReadFromJsonAsync<JsonElement>();
        items.GetArrayLength().ShouldBe(1);
        items[0].GetProperty("id").GetInt64().ShouldBe(id);
    }

    [Fact]
    public async Task Get_MissingId_Returns404()
    {
        await using var sample = await StartAsync();

        using var response = await sample.Client.SendAsync(sample.Request(HttpMethod.Get, "/api/orchestrations/424242", TestJwt.Mint()));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Create_InvalidBodies_Return400WithMessage()
    {
        await using var sample = await StartAsync();
        var cases = new (string Json, string Message)[]
        {
            ("{}", "is required: a non-empty string"),
            ("{\"name\":\"\"}", "is required: a non-empty string"),
            ("{\"name\":\"" + new string('x', 201) + "\"}", "the limit is 200"),
            ("not json", "not valid JSON"),
            ("[1,2]", "JSON object"),
        };

        foreach (var (json, message) in cases)
        {
            using var request = sample.Request(HttpMethod.Post, "/api/orchestrations", TestJwt.Mint());
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
            using var response = await sample.Client.SendAsync(request);

            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, json);
            (await response.Content.ReadAsStringAsync()).ShouldContain(message);
        }
    }

    [Fact]
    public async Task Get_InvalidLimitOrId_Returns400()
    {
        await using var sample = await StartAsync();

        foreach (var path in new[] { "/api/orchestrations?limit=0", "/api/orchestrations?limit=abc", "/api/orchestrations?limit=501", "/api/orchestrations/abc" })
        {
            using var response = await sample.Client.SendAsync(sample.Request(HttpMethod.Get, path, TestJwt.Mint()));

            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, path);
            (await response.Content.ReadAsStringAsync()).ShouldContain("must be");
        }
    }

    [Fact]
    public async Task Create_NameWithSqlText_IsStoredVerbatim()
    {
        await using var sample = await StartAsync();
        const string name = "x'); DROP TABLE orchestrations; --";
        using var request = sample.Request(HttpMethod.Post, "/api/orchestrations", TestJwt.Mint());
        request.Content = JsonContent.Create(new { name });

        using var response = await sample.Client.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        body.GetProperty("name").GetString().ShouldBe(name);
        body.GetProperty("definition").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    private async Task<SampleProcess> StartAsync() =>
        await SampleProcess.StartAsync(await TestSchema.MigratedEnvironmentAsync(server, "sample"));
}
