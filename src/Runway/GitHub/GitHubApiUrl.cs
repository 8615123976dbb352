namespace Runway.GitHub;

/// <summary>
/// Where GitHub's REST API answers for a configured URL: Octokit's rule for github.com (always
/// <c>https://api.github.com/</c>) and for GitHub Enterprise Server (a bare host gets <c>/api/v3/</c>); anything
/// else — a GHE.com host (<c>api.&lt;subdomain&gt;.ghe.com</c>) or a URL with its own path — is taken as given.
/// </summary>
public static class GitHubApiUrl
{
    private const string GheComSuffix = ".ghe.com";

    /// <summary>The API base URL Octokit should use for <paramref name="configured"/>.</summary>
    public static Uri Resolve(Uri configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        var host = configured.Host.ToLowerInvariant();
        if (host is "github.com" or "api.github.com" or "www.github.com")
            return GitHubOptions.GitHubComApi;
        if (host.EndsWith(GheComSuffix, StringComparison.Ordinal))
            // GHE.com serves the API on its own host, api.<subdomain>.ghe.com, at the root.
            return host.StartsWith("api.", StringComparison.Ordinal) ? WithTrailingSlash(configured) : new Uri($"https://api.{host}/");
        return configured.AbsolutePath is "" or "/" ? new Uri(configured, "/api/v3/") : WithTrailingSlash(configured);
    }

    // Relative API paths are resolved against the base, which drops its last segment unless it ends in a slash.
    private static Uri WithTrailingSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
