using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using Runway.Sample.Configuration;

namespace Runway.Sample.Auth;

/// <summary>Registers HS256 bearer-token validation with issuer and audience <c>runway-sample</c>.</summary>
internal static class JwtAuthentication
{
    public static IServiceCollection AddSampleJwt(this IServiceCollection services, SampleOptions options)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            // Keep claim names as issued so the rate limiter can partition by "sub".
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = SampleOptions.TokenIssuer,
                ValidAudience = SampleOptions.TokenIssuer,
                IssuerSigningKey = new SymmetricSecurityKey(options.JwtSigningKey),
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                ClockSkew = TimeSpan.FromSeconds(30),
            };
        });
        services.AddAuthorization();
        return services;
    }
}
