using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Runway.Smoke;

/// <summary>
/// Issues the JWT the sample service accepts: HS256 over the UTF-8 signing key, issuer and audience
/// <c>runway-sample</c>. Written by hand (HMACSHA256 and base64url) so the domain needs no token library.
/// </summary>
public static class SampleToken
{
    /// <summary>The issuer and audience the sample validates.</summary>
    public const string IssuerAndAudience = "runway-sample";

    /// <summary>Creates a token for <paramref name="subject"/> valid from now for <paramref name="lifetime"/>.</summary>
    /// <exception cref="ArgumentException">The key is shorter than 32 bytes (HS256 needs 256 bits) or the lifetime is not positive.</exception>
    public static string Create(string signingKey, string subject, TimeSpan lifetime, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(signingKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentNullException.ThrowIfNull(time);
        var key = Encoding.UTF8.GetBytes(signingKey);
        if (key.Length < 32)
        {
            throw new ArgumentException($"The sample's JWT signing key has {key.Length} bytes; HS256 needs at least 32. Set a longer Sample__JwtSigningKey.", nameof(signingKey));
        }

        if (lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Token lifetime must be positive (got {lifetime}).", nameof(lifetime));
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var header = new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT" };
        var payload = new JsonObject
        {
            ["sub"] = subject,
            ["iss"] = IssuerAndAudience,
            ["aud"] = IssuerAndAudience,
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + (long)lifetime.TotalSeconds,
        };
        var unsigned = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var signature = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(unsigned));
        return unsigned + "." + Base64Url(signature);
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
