namespace Runway.GitHub.Workflows;

/// <summary>
/// Generates a rollback workflow started by hand with the environment as input, running the <c>Rollback</c> target in
/// <see cref="GitHubActionsWorkflowAttribute.JobEnvironment"/>: the environment's secrets, never its release reviewers
/// (an incident rollback must not wait for an approval).
/// </summary>
public sealed class GitHubActionsRollbackAttribute(string name) : GitHubActionsWorkflowAttribute(name)
{
    /// <summary>The build target that rolls back. Default <c>Rollback</c>.</summary>
    public string Target { get; set; } = "Rollback";
}
