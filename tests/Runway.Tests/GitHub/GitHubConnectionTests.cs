using Runway.GitHub;
using Shouldly;
using Xunit;
using static Runway.Tests.GitHub.GitHubJson;
using Runway.Testing;

namespace Runway.Tests.GitHub;

public sealed class GitHubConnectionTests : IDisposable
{
    private readonly GitHubApiServer _api = new();

    [Fact]
    public async Task Create_EnterpriseBaseUrl_SendsRunwayUserAgentAndTheTokenToThatServer()
    {
        _api.On("GET", "/pulls", 200, PullRequests());

        await _api.Connect().CallAsync("list pulls", c => c.PullRequest.GetAllForRepository(GitHubApiServer.Owner, _api.Name), CancellationToken.None);

        var request = _api.Received("GET", "/pulls").ShouldHaveSingleItem();
        request.Headers!["User-Agent"].ToString().ShouldStartWith("Runway");
        request.Headers["Authorization"].ToString().ShouldEndWith(GitHubApiServer.Token);
    }

    [Fact]
    public async Task TokenNeverLeaks_IntoLogsExceptionsOrToString()
    {
        var sink = new LogCapture();
        var logger = sink.Logger;
        _api.On("GET", "/pulls", 401, """{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}""");
        _api.On("GET", "/issues", 503, GitHubApiServer.ServerError);
        _api.On("GET", $"/commits/{Sha}/status", 200, CombinedStatus(("ci/build", "success")));
        _api.On("GET", $"/commits/{Sha}/check-runs", 200, CheckRuns());
        _api.On("GET", "/git/ref/tags/v2.4.0", 200, Ref("v2.4.0"));
        _api.On("POST", "/releases/generate-notes", 200, ReleaseNotes("v2.4.0", "notes"));
        _api.OnDraftReleases();
        var github = _api.Connect(logger);

        var unauthorized = await Should.ThrowAsync<GitHubCallFailedException>(() => new ReleaseGate(github, logger).CheckAsync(Sha, "2.4.0", new ReleaseGateOptions(), CancellationToken.None));
        var unavailable = await Should.ThrowAsync<GitHubCallFailedException>(() => new ChecklistIssue(github, logger).UpsertAsync("production/2.4.0/1", "t", "b", knownNumber: null, CancellationToken.None));
        logger.Information("Connected with {@Options} and {Text}", github.Options, github.Options);
        var invalid = Should.Throw<ArgumentException>(() => new GitHubOptions { Repository = "no-slash", Token = GitHubApiServer.Token }.Validate());

        unauthorized.Message.ShouldContain("token was rejected (401)");
        _api.Received("GET", "/pulls").ShouldHaveSingleItem().Headers!["Authorization"].ToString().ShouldContain(GitHubApiServer.Token);
        sink.Lines.Count.ShouldBeGreaterThan(3);
        string[] texts = [.. sink.LinesWithProperties, System.Text.Json.JsonSerializer.Serialize(github.Options), unauthorized.ToString(), unavailable.ToString(), invalid.ToString(), github.Options.ToString(), .. _api.Retries.Select(r => r.ToString())];
        texts.ShouldAllBe(text => !text.Contains(GitHubApiServer.Token));
    }

    [Theory]
    [InlineData("acme", "")]
    [InlineData("acme/shop/extra", "")]
    [InlineData("acme/shop", " ")]
    public void Validate_BadSettings_ThrowsNamingTheSetting(string repository, string token) =>
        Should.Throw<ArgumentException>(() => new GitHubOptions { Repository = repository, Token = token }.Validate()).Message.ShouldContain("GitHub");

    [Fact]
    public void Owner_And_Name_SplitTheRepository()
    {
        var options = new GitHubOptions { Repository = "acme/shop", Token = "x" };

        (options.Owner, options.Name).ShouldBe(("acme", "shop"));
    }

    public void Dispose() => _api.Dispose();
}
