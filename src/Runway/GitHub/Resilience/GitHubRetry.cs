namespace Runway.GitHub.Resilience;

/// <summary>One retry the pipeline decided on: which call, which attempt, how long it waits and why.</summary>
/// <param name="Operation">The call's name, e.g. <c>create deployment</c>.</param>
/// <param name="AttemptNumber">0 for the first retry.</param>
/// <param name="Delay">The wait the pipeline computed before the next attempt.</param>
/// <param name="Reason">What failed, e.g. <c>502 BadGateway</c> or <c>rate limit</c>.</param>
public sealed record GitHubRetry(string Operation, int AttemptNumber, TimeSpan Delay, string Reason);
