namespace Runway.Smoke;

/// <summary>
/// One smoke probe as declared in <c>deploy/smoke.json</c>: a request and what its answer must satisfy. Header values
/// and the body may say <c>{token}</c>, replaced at run time by the secret token.
/// </summary>
public sealed record SmokeProbe
{
    /// <summary>Unique name, shown in results.</summary>
    public string? Name { get; init; }

    /// <summary>HTTP method. Default GET.</summary>
    public string Method { get; init; } = "GET";

    /// <summary>Path and query relative to the base URL, starting with <c>/</c>.</summary>
    public string? Path { get; init; }

    /// <summary>Request headers; values may contain <c>{token}</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Request body (sent as JSON), or null for none.</summary>
    public string? Body { get; init; }

    /// <summary>The status the answer must have; for a burst, the status at least one answer must have. Default 200.</summary>
    public int ExpectedStatus { get; init; } = 200;

    /// <summary>Texts the answer's body must all contain.</summary>
    public IReadOnlyList<string> BodyContains { get; init; } = [];

    /// <summary>Longest acceptable latency in milliseconds, or null for no limit.</summary>
    public int? MaxLatencyMs { get; init; }

    /// <summary>When set, the probe sends a burst of requests instead of one (e.g. to provoke the rate limit).</summary>
    public SmokeBurst? Burst { get; init; }

    /// <summary>The checklist check id this probe proves when it passes, e.g. <c>auth-required</c>.</summary>
    public string? Proves { get; init; }

    /// <summary>True when a header or the body needs the secret token.</summary>
    public bool NeedsToken => Headers.Values.Any(UsesToken) || UsesToken(Body) || UsesToken(Path);

    private static bool UsesToken(string? text) => text?.Contains(SmokeToken.Placeholder, StringComparison.Ordinal) == true;
}

/// <summary>A burst: <paramref name="Requests"/> requests sent <paramref name="Concurrency"/> at a time.</summary>
/// <param name="Requests">How many requests to send.</param>
/// <param name="Concurrency">How many in flight at once.</param>
public sealed record SmokeBurst(int Requests, int Concurrency);
