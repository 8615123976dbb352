namespace Runway.GitHub.Workflows;

/// <summary>
/// Generates a staged deploy workflow started by hand (<c>workflow_dispatch</c> with <c>version</c> and
/// <c>environment</c>): an approval job in the protected GitHub environment, then one job per phase, each needing the
/// previous one. Only the approval job names the protected environment, so its required reviewers approve a release
/// once; the phase jobs run in <see cref="GitHubActionsWorkflowAttribute.JobEnvironment"/>, which holds the secrets.
/// </summary>
/// <example><c>[GitHubActionsDeploy("deploy", Environments = new[] { "production", "staging" })]</c></example>
public sealed class GitHubActionsDeployAttribute(string name) : GitHubActionsWorkflowAttribute(name)
{
    /// <summary>The standard phases, in order.</summary>
    public static readonly IReadOnlyList<string> StandardPhases = ["Preparation", "Canary", "Rollout50", "RolloutFull", "Migration", "Validation"];

    /// <summary>The build targets to run as jobs, in dependency order. Default <see cref="StandardPhases"/>.</summary>
    public string[] Phases { get; set; } = [.. StandardPhases];

    /// <summary>
    /// The protected GitHub environment of the approval job (its required reviewers are the release's one approval);
    /// <c>{environment}</c> stands for the chosen environment. Default <c>{environment}</c>.
    /// </summary>
    public string ApprovalEnvironment { get; set; } = "{environment}";
}
