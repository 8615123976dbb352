namespace Runway.GitHub;

/// <summary>
/// How Runway reaches GitHub: which repository, which API server, which token, and how long it may try.
/// The token is a secret: it never appears in <see cref="ToString"/>, a log line or an exception message.
/// </summary>
public sealed class GitHubOptions
{
    /// <summary>The public API of github.com.</summary>
    public static readonly Uri GitHubComApi = new("https://api.github.com/");

    /// <summary>The repository as <c>owner/name</c>, e.g. <c>acme/shop</c>.</summary>
    public required string Repository { get; init; }

    /// <summary>
    /// The token Octokit authenticates with (a PAT, or the workflow's <c>GITHUB_TOKEN</c>). Write-only from outside
    /// this assembly, so that destructuring the options into a log (<c>{@Options}</c>) or JSON cannot reveal it.
    /// </summary>
    public required string Token { internal get; init; }

    /// <summary>
    /// API base URL: <see cref="GitHubComApi"/> (default), an Enterprise server's <c>https://host/api/v3/</c> (or just
    /// <c>https://host/</c>), or GHE.com's <c>https://api.&lt;subdomain&gt;.ghe.com/</c>; see <see cref="GitHubApiUrl"/>.
    /// </summary>
    public Uri ApiBaseUrl { get; init; } = GitHubComApi;

    /// <summary>Overall time budget for one GitHub call, retries and waits included. Default 10 minutes.</summary>
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long one HTTP request may take before it is abandoned and retried. Default 30 seconds.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first attempt on 5xx, timeouts, network errors and rate limits. Default 5.</summary>
    public int MaxRetryAttempts { get; init; } = 5;

    /// <summary>First back-off delay for 5xx and network errors; doubles per attempt, with jitter. Default 1 second.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Failed attempts (5xx, timeouts, network) within <see cref="CircuitSamplingDuration"/> that open the circuit. Default 8.</summary>
    public int CircuitFailureThreshold { get; init; } = 8;

    /// <summary>The window in which <see cref="CircuitFailureThreshold"/> failures open the circuit. Default 1 minute.</summary>
    public TimeSpan CircuitSamplingDuration { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an open circuit fails calls fast before trying GitHub again. Default 30 seconds.</summary>
    public TimeSpan CircuitBreakDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The innermost HTTP handler, made anew per client; <c>null</c> (default) uses Octokit's. A seam for recording
    /// or relaying traffic (the contract tests read the validator's verdict from it).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Func<HttpMessageHandler>? Transport { get; init; }

    /// <summary>The repository owner (the part before the slash).</summary>
    public string Owner => SplitRepository()[0];

    /// <summary>The repository name (the part after the slash).</summary>
    public string Name => SplitRepository()[1];

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad setting and the fix; never echoes the token.</summary>
    public void Validate()
    {
        SplitRepository();
        if (string.IsNullOrWhiteSpace(Token))
            throw new ArgumentException("GitHub token is empty. Set the GitHub token parameter (e.g. RUNWAY_GITHUB_TOKEN) or turn GitHub off for this profile.", nameof(Token));
        if (!ApiBaseUrl.IsAbsoluteUri || (ApiBaseUrl.Scheme != Uri.UriSchemeHttps && ApiBaseUrl.Scheme != Uri.UriSchemeHttp))
            throw new ArgumentException($"GitHub API base URL '{ApiBaseUrl}' is not an http(s) URL. Use https://api.github.com/ or https://<server>/api/v3/.", nameof(ApiBaseUrl));
        if (TimeBudget <= TimeSpan.Zero || RequestTimeout <= TimeSpan.Zero)
            throw new ArgumentException("GitHub time budget and request timeout must be positive durations.", nameof(TimeBudget));
        if (MaxRetryAttempts < 0 || CircuitFailureThreshold < 2)
            throw new ArgumentException("GitHub MaxRetryAttempts must be 0 or more and CircuitFailureThreshold 2 or more.", nameof(MaxRetryAttempts));
    }

    /// <inheritdoc />
    public override string ToString() => $"GitHub {Repository} at {ApiBaseUrl} (token ***)";

    private string[] SplitRepository()
    {
        var parts = (Repository ?? "").Split('/');
        if (parts.Length != 2 || parts.Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException($"GitHub repository '{Repository}' is not in the form owner/name (e.g. acme/shop).", nameof(Repository));
        return parts;
    }
}
