namespace Runway.Ledger;

/// <summary>One deployment of a release to an environment.</summary>
/// <param name="Id">The ledger's id (shown to users: "deployment 42").</param>
/// <param name="Environment">The environment, e.g. <c>production</c>.</param>
/// <param name="Release">The release being deployed.</param>
/// <param name="PreviousRelease">The release of the environment's last succeeded deployment when this one started.</param>
/// <param name="State">Where it stands.</param>
/// <param name="StartedBy">Who started it.</param>
/// <param name="Host">The machine it started on.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="EndedAt">When it finished, if it has.</param>
/// <param name="FailureReason">Why it failed, rolled back or was aborted.</param>
public sealed record Deployment(
    long Id,
    string Environment,
    string Release,
    string? PreviousRelease,
    DeploymentState State,
    string StartedBy,
    string Host,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string? FailureReason);

/// <summary>What starting a deployment needs.</summary>
/// <param name="Environment">The environment to deploy to.</param>
/// <param name="Release">The release to deploy.</param>
/// <param name="StartedBy">Who starts it (a person or a CI job).</param>
/// <param name="Host">The machine it runs on.</param>
public sealed record DeploymentStart(string Environment, string Release, string StartedBy, string Host)
{
    /// <summary>The exact parameter values the run started with (secrets already masked), recorded with the start; null when not known.</summary>
    public IReadOnlyDictionary<string, string?>? Parameters { get; init; }
}
