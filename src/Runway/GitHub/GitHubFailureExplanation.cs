using System.Net;
using Octokit;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Runway.GitHub.Resilience;

namespace Runway.GitHub;

/// <summary>Turns the last error of a GitHub call into a reason and a fix a person can act on.</summary>
internal static class GitHubFailureExplanation
{
    public static (string Reason, string Fix) Explain(Exception error, GitHubOptions options, TimeProvider time) => error switch
    {
        AuthorizationException => ("the token was rejected (401)",
            "Create a new token with repo access and set it as the GitHub token parameter."),
        NotFoundException => ("not found (404)",
            $"Check that repository '{options.Repository}' exists at {options.ApiBaseUrl} and that the token can see it."),
        ApiException api when GitHubFailures.IsRateLimit(api) => (
            $"rate limited ({GitHubResilience.Describe(api)}; GitHub asks to wait: {GitHubFailures.DescribeWait(api, time)}) beyond the time budget of {options.TimeBudget}",
            "Rerun after the rate limit resets, or raise the GitHub time budget."),
        ApiException { StatusCode: HttpStatusCode.Forbidden } => ("forbidden (403)",
            "Give the token the permissions this call needs (contents, deployments, issues, statuses: write)."),
        ApiException api => ($"{(int)api.StatusCode} {api.StatusCode}: {api.Message}",
            "Check the request above; if GitHub is failing, retry the phase later."),
        BrokenCircuitException => ("GitHub failed repeatedly, so calls are paused (circuit open)",
            $"Check that {options.ApiBaseUrl} is reachable and healthy, then rerun the phase."),
        TimeoutRejectedException => ($"no success within the time budget of {options.TimeBudget}",
            $"Check that {options.ApiBaseUrl} is reachable, or raise the GitHub time budget."),
        HttpRequestException http => ($"could not reach GitHub ({http.Message})",
            $"Check the network and the API base URL {options.ApiBaseUrl}."),
        _ => ($"{error.GetType().Name}: {error.Message}", "Rerun the phase; report a bug if it persists."),
    };
}
