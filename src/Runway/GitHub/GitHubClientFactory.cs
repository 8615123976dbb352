using Octokit;
using Octokit.Internal;

namespace Runway.GitHub;

/// <summary>Builds the Octokit client every GitHub call goes through.</summary>
public static class GitHubClientFactory
{
    /// <summary>The product name Octokit sends in the User-Agent header.</summary>
    public const string ProductName = "Runway";

    /// <summary>
    /// A <see cref="GitHubClient"/> for <paramref name="options"/>' server (resolved by <see cref="GitHubApiUrl"/>),
    /// authenticated with its token, sending request bodies as <c>application/json</c>.
    /// </summary>
    public static IGitHubClient Create(GitHubOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var transport = options.Transport ?? HttpMessageHandlerFactory.CreateDefault;
        var http = new HttpClientAdapter(() => new JsonContentTypeHandler { InnerHandler = transport() });
        // Octokit's own constructor would rewrite the URL (api/v3 on every host but github.com); this one takes it as resolved.
        var connection = new Connection(new ProductHeaderValue(ProductName), GitHubApiUrl.Resolve(options.ApiBaseUrl),
            new InMemoryCredentialStore(new Credentials(options.Token)), http, new SimpleJsonSerializer());
        var client = new GitHubClient(connection);
        client.SetRequestTimeout(options.RequestTimeout);
        return client;
    }
}
