namespace Runway.GitHub.Workflows;

/// <summary>
/// Generates a staged deploy workflow started by hand (<c>workflow_dispatch</c> with <c>version</c> and
/// <c>environment</c>): one job per phase, each needing the previous one. Only the first job names the GitHub
/// environment, so its required reviewers approve a release once and the later jobs run on that approval.
/// </summary>
/// <example><c>[GitHubActionsDeploy("deploy", Environments = new[] { "production", "staging" })]</c></example>
public sealed class GitHubActionsDeployAttribute(string name) : GitHubActionsWorkflowAttribute(name)
{
    /// <summary>The standard phases, in order.</summary>
    public static readonly IReadOnlyList<string> StandardPhases = ["Preparation", "Canary", "Rollout50", "RolloutFull", "Migration", "Validation"];

    /// <summary>The build targets to run as jobs, in dependency order. Default <see cref="StandardPhases"/>.</summary>
    public string[] Phases { get; set; } = [.. StandardPhases];

    /// <summary>
    /// The GitHub environment the first job runs in (its protection rules are the release's one approval);
    /// <c>{environment}</c> stands for the chosen environment. Default <c>{environment}</c>.
    /// </summary>
    public string ApprovalEnvironment { get; set; } = "{environment}";
}
