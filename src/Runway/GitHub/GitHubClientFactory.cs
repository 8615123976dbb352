using Octokit;

namespace Runway.GitHub;

/// <summary>Builds the Octokit client every GitHub call goes through.</summary>
public static class GitHubClientFactory
{
    /// <summary>The product name Octokit sends in the User-Agent header.</summary>
    public const string ProductName = "Runway";

    /// <summary>
    /// A <see cref="GitHubClient"/> for <paramref name="options"/>' server, authenticated with its token.
    /// Octokit appends <c>api/v3/</c> to any host other than api.github.com, so an Enterprise URL may be given either way.
    /// </summary>
    public static IGitHubClient Create(GitHubOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var client = new GitHubClient(new ProductHeaderValue(ProductName), options.ApiBaseUrl)
        {
            Credentials = new Credentials(options.Token),
        };
        client.SetRequestTimeout(options.RequestTimeout);
        return client;
    }
}
