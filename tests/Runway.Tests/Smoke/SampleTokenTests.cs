using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Runway.Smoke;
using Shouldly;
using Xunit;

namespace Runway.Tests.Smoke;

public sealed class SampleTokenTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Create_ValidToken_IsAcceptedByJwtBearerValidation()
    {
        await using var sample = await StandInSample.StartAsync();
        var token = SampleToken.Create(StandInSampleOptions.SigningKey, "runway", TimeSpan.FromMinutes(5), TimeProvider.System);

        var status = await GetWithTokenAsync(sample, token);

        status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Create_ExpiredToken_IsRejected()
    {
        await using var sample = await StandInSample.StartAsync();
        var past = new FakeTimeProvider(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var token = SampleToken.Create(StandInSampleOptions.SigningKey, "runway", TimeSpan.FromMinutes(5), past);

        (await GetWithTokenAsync(sample, token)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Create_OtherSigningKey_IsRejected()
    {
        await using var sample = await StandInSample.StartAsync();
        var token = SampleToken.Create("another-signing-key-of-at-least-32-bytes", "runway", TimeSpan.FromMinutes(5), TimeProvider.System);

        (await GetWithTokenAsync(sample, token)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public void Create_Token_CarriesHs256HeaderAndContractClaims()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));

        var parts = SampleToken.Create(StandInSampleOptions.SigningKey, "ci", TimeSpan.FromHours(1), time).Split('.');

        parts.Length.ShouldBe(3);
        JsonNode.Parse(Decode(parts[0]))!["alg"]!.GetValue<string>().ShouldBe("HS256");
        var payload = JsonNode.Parse(Decode(parts[1]))!;
        payload["sub"]!.GetValue<string>().ShouldBe("ci");
        payload["iss"]!.GetValue<string>().ShouldBe("runway-sample");
        payload["aud"]!.GetValue<string>().ShouldBe("runway-sample");
        payload["exp"]!.GetValue<long>().ShouldBe(time.GetUtcNow().ToUnixTimeSeconds() + 3600);
        parts[2].ShouldNotContain("=");
    }

    [Fact]
    public void Create_ShortKey_ThrowsSayingTheFix()
    {
        var error = Should.Throw<ArgumentException>(() => SampleToken.Create("short", "ci", TimeSpan.FromMinutes(1), TimeProvider.System));

        error.Message.ShouldContain("at least 32");
        error.Message.ShouldNotContain("short");
    }

    private static async Task<HttpStatusCode> GetWithTokenAsync(LoopbackServer sample, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(sample.Url, "/api/orchestrations"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.SendAsync(request);
        return response.StatusCode;
    }

    private static string Decode(string part)
    {
        var base64 = part.Replace('-', '+').Replace('_', '/');
        return Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=')));
    }
}
