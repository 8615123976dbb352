using System.Globalization;
using System.Text;

namespace Runway.Sample.Configuration;

/// <summary>
/// The sample's settings, read once at start from the <c>Sample</c> section (environment <c>Sample__*</c>)
/// and <c>ConnectionStrings:Sample</c>. Invalid values stop the start with a message naming the key.
/// </summary>
public sealed record SampleOptions
{
    /// <summary>Issuer and audience every token must carry.</summary>
    public const string TokenIssuer = "runway-sample";

    /// <summary>The release this process runs, e.g. <c>1.1.0</c>; reported in <c>X-Release</c>, <c>/version</c> and metrics.</summary>
    public required string Release { get; init; }

    /// <summary>Npgsql connection string of the application database.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>HS256 signing key bytes (UTF-8 of the configured text, at least 32 bytes).</summary>
    public required byte[] JwtSigningKey { get; init; }

    /// <summary>Requests per second allowed per client on <c>/api/*</c>; default 30.</summary>
    public int RateLimitPerSecond { get; init; } = 30;

    /// <summary>Fraction (0..1) of <c>/api/*</c> requests answered 500 on purpose; default 0.</summary>
    public double ErrorRate { get; init; }

    /// <summary>Milliseconds added to every <c>/api/*</c> request on purpose; default 0.</summary>
    public int ExtraLatencyMs { get; init; }

    /// <summary>The metric names exposed: <c>runway</c> (default) or <c>node</c> (prom-client's conventional names).</summary>
    public string MetricsStyle { get; init; } = "runway";

    /// <summary>Reads and validates the settings; throws <see cref="SampleConfigurationException"/> naming the bad key.</summary>
    public static SampleOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Sample");
        return new SampleOptions
        {
            Release = string.IsNullOrWhiteSpace(section["Release"]) ? "dev" : section["Release"]!.Trim(),
            ConnectionString = RequireConnectionString(configuration),
            JwtSigningKey = RequireSigningKey(section["JwtSigningKey"]),
            RateLimitPerSecond = ReadInt(section, "RateLimitPerSecond", 30, min: 1),
            ErrorRate = ReadErrorRate(section),
            ExtraLatencyMs = ReadInt(section, "ExtraLatencyMs", 0, min: 0),
            MetricsStyle = ReadMetricsStyle(section),
        };
    }

    private static string RequireConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString("Sample") is { Length: > 0 } value
            ? value
            : throw new SampleConfigurationException(
                "No database connection string: set ConnectionStrings__Sample to an Npgsql connection string (Host=...;Database=...;Username=...).");

    private static byte[] RequireSigningKey(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw new SampleConfigurationException(
                "No JWT signing key: set Sample__JwtSigningKey to a secret of at least 32 bytes (HS256); the service refuses to run unauthenticated.");
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        return bytes.Length >= 32
            ? bytes
            : throw new SampleConfigurationException(
                $"Sample__JwtSigningKey is {bytes.Length} bytes long; HS256 needs at least 32 bytes. Use a longer random secret.");
    }

    private static int ReadInt(IConfigurationSection section, string key, int fallback, int min)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw new SampleConfigurationException($"Sample__{key} is '{text}'; it must be a whole number of at least {min}.");
    }

    private static string ReadMetricsStyle(IConfigurationSection section) =>
        section["MetricsStyle"]?.Trim() switch
        {
            null or "" or "runway" => "runway",
            "node" => "node",
            var other => throw new SampleConfigurationException($"Sample__MetricsStyle is '{other}'; it must be runway (the default) or node."),
        };

    private static double ReadErrorRate(IConfigurationSection section)
    {
        var text = section["ErrorRate"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return 0;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1
            ? value
            : throw new SampleConfigurationException($"Sample__ErrorRate is '{text}'; it must be a fraction between 0 and 1, e.g. 0.2.");
    }
}
