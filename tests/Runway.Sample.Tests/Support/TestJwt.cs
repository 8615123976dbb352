using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Runway.Sample.Tests.Support;

/// <summary>Mints HS256 JWTs by hand, so the tests do not trust the same library the service validates with.</summary>
internal static class TestJwt
{
    public const string SigningKey = "test-signing-key-that-is-at-least-32-bytes-long";

    public static string Mint(string subject = "tester", string key = SigningKey, string issuer = "runway-sample", string audience = "runway-sample")
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Encode(JsonSerializer.SerializeToUtf8Bytes(new { alg = "HS256", typ = "JWT" }));
        var payload = Encode(JsonSerializer.SerializeToUtf8Bytes(new { sub = subject, iss = issuer, aud = audience, iat = now, nbf = now, exp = now + 600 }));
        var signature = Encode(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.ASCII.GetBytes($"{header}.{payload}")));
        return $"{header}.{payload}.{signature}";
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
