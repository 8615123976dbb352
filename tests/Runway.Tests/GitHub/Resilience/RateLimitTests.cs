using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using Octokit;
using Runway.GitHub;
using Runway.GitHub.Resilience;
using Shouldly;
using Xunit;
using static Runway.Tests.GitHub.GitHubJson;

namespace Runway.Tests.GitHub.Resilience;

/// <summary>
/// GitHub's six documented rate-limit cases, answered over HTTP as GitHub answers them, with the pipeline on a fake
/// clock: each test asserts the wait the pipeline computed, then moves the clock on by exactly that much.
/// </summary>
public sealed class RateLimitTests : IDisposable
{
    private const string PrimaryBody = """{"message":"API rate limit exceeded for user ID 1.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"}""";
    private const string SecondaryBody = """{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"}""";

    private readonly GitHubApiServer _api = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    private readonly Channel<GitHubRetry> _retries = Channel.CreateUnbounded<GitHubRetry>();

    private string ResetIn(TimeSpan wait) => _time.GetUtcNow().Add(wait).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static (string, string)[] Remaining(string remaining, string? reset = null, string? retryAfter = null) =>
        [("X-RateLimit-Limit", "5000"), ("X-RateLimit-Remaining", remaining), ("X-RateLimit-Used", "5000"), .. reset is null ? System.Array.Empty<(string, string)>() : [("X-RateLimit-Reset", reset)],
         .. retryAfter is null ? System.Array.Empty<(string, string)>() : [("Retry-After", retryAfter)]];

    private void PullsFailing(params Func<WireMock.ResponseMessage>[] failures)
    {
        var calls = 0;
        _api.On("GET", "/pulls", _ => calls < failures.Length ? failures[calls++]() : GitHubApiServer.Reply(200, PullRequests((41, "Canary", []))));
    }

    private GitHubConnection Connect(TimeSpan? budget = null) => GitHubConnection.Create(
        _api.Options(o => new GitHubOptions
        {
            Repository = o.Repository, Token = o.Token, ApiBaseUrl = o.ApiBaseUrl, Transport = o.Transport,
            TimeBudget = budget ?? TimeSpan.FromHours(3), MaxRetryAttempts = 3,
        }),
        _time, Serilog.Core.Logger.None, r => _retries.Writer.TryWrite(r));

    /// <summary>Runs the call; at each retry hands the computed wait to the test and moves the fake clock on by it.</summary>
    private async Task<List<GitHubRetry>> ListPullsAsync(int expectedRetries, TimeSpan? budget = null)
    {
        var github = Connect(budget);
        var call = github.CallAsync("list pulls", c => c.PullRequest.GetAllForRepository(GitHubApiServer.Owner, _api.Name), CancellationToken.None);
        var seen = new List<GitHubRetry>();
        for (var i = 0; i < expectedRetries; i++)
        {
            var retry = await _retries.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            seen.Add(retry);
            _time.Advance(retry.Delay);
        }
        (await call.WaitAsync(TimeSpan.FromSeconds(30))).Count.ShouldBe(1);
        return seen;
    }

    [Fact]
    public async Task PrimaryLimit403_RemainingZero_WaitsUntilTheReset()
    {
        PullsFailing(() => GitHubApiServer.Reply(403, PrimaryBody, Remaining("0", ResetIn(TimeSpan.FromMinutes(37)))));

        var retry = (await ListPullsAsync(1)).Single();

        retry.Reason.ShouldBe("primary rate limit (403)");
        retry.Delay.ShouldBe(TimeSpan.FromMinutes(37));
    }

    [Fact]
    public async Task PrimaryLimit429_RemainingZero_WaitsUntilTheReset()
    {
        PullsFailing(() => GitHubApiServer.Reply(429, PrimaryBody, Remaining("0", ResetIn(TimeSpan.FromMinutes(12)))));

        var retry = (await ListPullsAsync(1)).Single();

        retry.Reason.ShouldBe("primary rate limit (429)");
        retry.Delay.ShouldBe(TimeSpan.FromMinutes(12));
    }

    [Fact]
    public async Task SecondaryLimit403_WithRetryAfter_WaitsThatLong()
    {
        PullsFailing(() => GitHubApiServer.Reply(403, SecondaryBody, Remaining("4000", ResetIn(TimeSpan.FromMinutes(50)), retryAfter: "30")));

        var retry = (await ListPullsAsync(1)).Single();

        retry.Reason.ShouldBe("secondary rate limit (403)");
        retry.Delay.ShouldBe(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task SecondaryLimit429_WithRetryAfter_WaitsThatLong()
    {
        PullsFailing(() => GitHubApiServer.Reply(429, SecondaryBody, Remaining("4000", ResetIn(TimeSpan.FromMinutes(50)), retryAfter: "45")));

        var retry = (await ListPullsAsync(1)).Single();

        retry.Reason.ShouldBe("secondary rate limit (429)");
        retry.Delay.ShouldBe(TimeSpan.FromSeconds(45));
    }

    [Fact]
    public async Task SecondaryLimit403_NoRetryAfter_WaitsAMinuteThenExponentiallyLonger()
    {
        PullsFailing(
            () => GitHubApiServer.Reply(403, SecondaryBody, Remaining("4000", ResetIn(TimeSpan.FromMinutes(50)))),
            () => GitHubApiServer.Reply(403, SecondaryBody, Remaining("3999", ResetIn(TimeSpan.FromMinutes(49)))),
            () => GitHubApiServer.Reply(403, SecondaryBody, Remaining("3998", ResetIn(TimeSpan.FromMinutes(47)))));

        var retries = await ListPullsAsync(3);

        retries.Select(r => r.Delay).ShouldBe([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4)]);
        retries.ShouldAllBe(r => r.Reason == "secondary rate limit (403)");
    }

    [Fact]
    public async Task SecondaryLimit403_RemainingZeroNoRetryAfter_WaitsUntilTheReset()
    {
        PullsFailing(() => GitHubApiServer.Reply(403, SecondaryBody, Remaining("0", ResetIn(TimeSpan.FromMinutes(9)))));

        var retry = (await ListPullsAsync(1)).Single();

        retry.Delay.ShouldBe(TimeSpan.FromMinutes(9));
    }

    [Fact]
    public async Task RateLimitBeyondTheTimeBudget_FailsAtOnceSayingWhenToComeBack()
    {
        PullsFailing(() => GitHubApiServer.Reply(403, PrimaryBody, Remaining("0", ResetIn(TimeSpan.FromHours(2)))));
        var github = Connect(budget: TimeSpan.FromMinutes(10));

        var error = await Should.ThrowAsync<GitHubCallFailedException>(() =>
            github.CallAsync("list pulls", c => c.PullRequest.GetAllForRepository(GitHubApiServer.Owner, _api.Name), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));

        error.Message.ShouldContain("primary rate limit (403)");
        error.Message.ShouldContain("02:00:00 away");
        error.Message.ShouldContain("beyond the time budget of 00:10:00");
        _retries.Reader.Count.ShouldBe(0);
        _api.Received("GET", "/pulls").Count.ShouldBe(1);
    }

    public void Dispose() => _api.Dispose();
}
