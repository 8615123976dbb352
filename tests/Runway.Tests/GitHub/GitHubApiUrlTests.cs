using Runway.GitHub;
using Shouldly;
using Xunit;

namespace Runway.Tests.GitHub;

public sealed class GitHubApiUrlTests
{
    [Theory]
    [InlineData("https://api.github.com/", "https://api.github.com/")]
    [InlineData("https://github.com", "https://api.github.com/")]
    [InlineData("https://github.example.com", "https://github.example.com/api/v3/")]
    [InlineData("https://github.example.com/api/v3", "https://github.example.com/api/v3/")]
    [InlineData("https://api.acme.ghe.com/", "https://api.acme.ghe.com/")]
    [InlineData("https://acme.ghe.com", "https://api.acme.ghe.com/")]
    public void Resolve_FollowsOctokitForGitHubComAndServer_TakesGheComAsGiven(string configured, string expected) =>
        GitHubApiUrl.Resolve(new Uri(configured)).ShouldBe(new Uri(expected));

    [Fact]
    public void Create_GheComHost_ClientTalksToThatHostWithoutApiV3()
    {
        var client = GitHubClientFactory.Create(new GitHubOptions { Repository = "acme/shop", Token = "t", ApiBaseUrl = new Uri("https://api.acme.ghe.com/") });

        client.Connection.BaseAddress.ShouldBe(new Uri("https://api.acme.ghe.com/"));
    }
}
