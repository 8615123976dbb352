namespace Runway.GitHub.Workflows;

/// <summary>
/// Generates a staged deploy workflow started by hand (<c>workflow_dispatch</c> with <c>version</c> and
/// <c>environment</c>): one job per phase, each needing the previous one, each in a GitHub environment
/// so that required reviewers can gate production phases.
/// </summary>
/// <example><c>[GitHubActionsDeploy("deploy", PhaseEnvironments = new[] { "Canary={environment}-canary" })]</c></example>
public sealed class GitHubActionsDeployAttribute(string name) : GitHubActionsWorkflowAttribute(name)
{
    /// <summary>The standard phases, in order.</summary>
    public static readonly IReadOnlyList<string> StandardPhases = ["Preparation", "Canary", "Rollout50", "RolloutFull", "Migration", "Validation"];

    /// <summary>The build targets to run as jobs, in dependency order. Default <see cref="StandardPhases"/>.</summary>
    public string[] Phases { get; set; } = [.. StandardPhases];

    /// <summary>
    /// GitHub environment per phase as <c>Phase=name</c>; <c>{environment}</c> in the name stands for the chosen
    /// environment. Phases not listed use the chosen environment itself.
    /// </summary>
    public string[] PhaseEnvironments { get; set; } = [];
}
