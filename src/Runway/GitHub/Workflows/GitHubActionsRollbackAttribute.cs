namespace Runway.GitHub.Workflows;

/// <summary>Generates a rollback workflow started by hand with the environment as input, running the <c>Rollback</c> target.</summary>
public sealed class GitHubActionsRollbackAttribute(string name) : GitHubActionsWorkflowAttribute(name)
{
    /// <summary>The build target that rolls back. Default <c>Rollback</c>.</summary>
    public string Target { get; set; } = "Rollback";

    /// <summary>The GitHub environment of the job; <c>{environment}</c> stands for the chosen one. Default <c>{environment}</c>.</summary>
    public string JobEnvironment { get; set; } = "{environment}";
}
