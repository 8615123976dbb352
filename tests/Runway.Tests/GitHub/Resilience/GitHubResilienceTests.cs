using System.Globalization;
using Octokit;
using Runway.GitHub;
using Runway.GitHub.Resilience;
using Shouldly;
using Xunit;
using static Runway.Tests.GitHub.GitHubJson;

namespace Runway.Tests.GitHub.Resilience;

public sealed class GitHubResilienceTests : IDisposable
{
    private const string PrimaryLimitBody = """{"message":"API rate limit exceeded for user ID 1.","documentation_url":"https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting"}""";
    private const string SecondaryLimitBody = """{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.","documentation_url":"https://docs.github.com/rest/overview/resources-in-the-rest-api#secondary-rate-limits"}""";

    private readonly GitHubApiServer _api = new();

    /// <summary>Answers the pull-request list with <paramref name="failures"/> in turn, then a list with one pull request.</summary>
    private void PullsFailingWith(params Func<WireMock.ResponseMessage>[] failures)
    {
        var calls = 0;
        _api.On("GET", "/pulls", _ => calls < failures.Length ? failures[calls++]() : GitHubApiServer.Reply(200, PullRequests((41, "Canary", []))));
    }

    private Task<IReadOnlyList<PullRequest>> ListPulls(GitHubConnection github) =>
        github.CallAsync("list pulls", c => c.PullRequest.GetAllForRepository(GitHubApiServer.Owner, _api.Name), CancellationToken.None);

    [Fact]
    public async Task ServerErrors_RetriedWithGrowingJitteredBackoff()
    {
        PullsFailingWith(
            () => GitHubApiServer.Reply(503, GitHubApiServer.ServerError),
            () => GitHubApiServer.Reply(502, GitHubApiServer.ServerError),
            () => GitHubApiServer.Reply(500, GitHubApiServer.ServerError));

        var pulls = await ListPulls(_api.Connect(adjust: o => new GitHubOptions { Repository = o.Repository, Token = o.Token, ApiBaseUrl = o.ApiBaseUrl, RetryBaseDelay = TimeSpan.FromMilliseconds(20) }));

        pulls.Count.ShouldBe(1);
        _api.Retries.Select(r => r.Reason).ShouldBe(["503 ServiceUnavailable", "502 BadGateway", "500 InternalServerError"]);
        _api.Retries.ShouldAllBe(r => r.Delay > TimeSpan.Zero && r.Delay < TimeSpan.FromSeconds(1));
        _api.Received("GET", "/pulls").Count.ShouldBe(4);
    }

    [Fact]
    public async Task ServerErrors_BeyondTheRetries_FailWithTheCallAndRepositoryNamed()
    {
        PullsFailingWith([.. Enumerable.Repeat(() => GitHubApiServer.Reply(503, GitHubApiServer.ServerError), 10)]);

        var error = await Should.ThrowAsync<GitHubCallFailedException>(() => ListPulls(_api.Connect()));

        error.Message.ShouldStartWith($"GitHub call 'list pulls' on {_api.Repository} failed: 503 ServiceUnavailable");
        _api.Received("GET", "/pulls").Count.ShouldBe(4);
    }

    [Fact]
    public async Task NotFound_IsNotRetriedAndSaysWhatToCheck()
    {
        _api.On("GET", "/pulls", 404, GitHubApiServer.NotFound);

        var error = await Should.ThrowAsync<GitHubCallFailedException>(() => ListPulls(_api.Connect()));

        error.Message.ShouldContain("not found (404)");
        error.Message.ShouldContain($"repository '{_api.Repository}' exists");
        _api.Retries.ShouldBeEmpty();
    }

    [Fact]
    public async Task RepeatedServerErrors_OpenTheCircuitAndLaterCallsFailFast()
    {
        _api.On("GET", "/pulls", 502, GitHubApiServer.ServerError);
        var github = _api.Connect(adjust: o => new GitHubOptions
        {
            Repository = o.Repository, Token = o.Token, ApiBaseUrl = o.ApiBaseUrl, MaxRetryAttempts = 2,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1), CircuitFailureThreshold = 4, CircuitBreakDuration = TimeSpan.FromMinutes(1),
        });

        await Should.ThrowAsync<GitHubCallFailedException>(() => ListPulls(github));
        var second = await Should.ThrowAsync<GitHubCallFailedException>(() => ListPulls(github));
        var third = await Should.ThrowAsync<GitHubCallFailedException>(() => ListPulls(github));

        second.Message.ShouldContain("circuit open");
        third.Message.ShouldContain("circuit open");
        _api.Received("GET", "/pulls").Count.ShouldBe(4);
    }

    [Fact]
    public async Task SlowGitHub_BeyondTheTimeBudget_FailsNamingTheBudget()
    {
        _api.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath(_api.RepoPath + "/pulls").UsingGet())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithBody("[]").WithDelay(TimeSpan.FromSeconds(2)));
        var github = _api.Connect(adjust: o => new GitHubOptions { Repository = o.Repository, Token = o.Token, ApiBaseUrl = o.ApiBaseUrl, TimeBudget = TimeSpan.FromMilliseconds(800) });

        var error = await Should.ThrowAsync<GitHubCallFailedException>(() => ListPulls(github));

        error.Message.ShouldContain("time budget");
    }

    public void Dispose() => _api.Dispose();

    /// <summary>An Octokit response as it arrives from GitHub, for building Octokit's exceptions without a server.</summary>
    private sealed class RecordedResponse(System.Net.HttpStatusCode status, string body, Dictionary<string, string> headers) : IResponse
    {
        public object Body => body;
        public IReadOnlyDictionary<string, string> Headers => headers;
        public ApiInfo ApiInfo { get; } = new(new Dictionary<string, Uri>(), [], [], "", new RateLimit(headers));
        public System.Net.HttpStatusCode StatusCode => status;
        public string ContentType => "application/json";
    }
}
