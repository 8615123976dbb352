namespace Runway.GitHub.Workflows;

/// <summary>Builds the rollback workflow: started by hand, one job running the rollback target.</summary>
internal static class RollbackWorkflow
{
    public static YamlMapping Build(GitHubActionsRollbackAttribute attribute) => new YamlMapping { Spaced = true }
        .Add("name", $"Rollback ({attribute.Name})")
        .Add("on", new YamlMapping().Add("workflow_dispatch", new YamlMapping().Add("inputs", new YamlMapping()
            .Add("environment", WorkflowParts.EnvironmentInput(attribute)))))
        .Add("permissions", WorkflowParts.Permissions(attribute))
        .Add("concurrency", new YamlMapping().Add("group", $"{attribute.Name}-{WorkflowParts.ChosenEnvironment}").Add("cancel-in-progress", false))
        .Add("jobs", new YamlMapping().Add(DeployWorkflow.JobId(attribute.Target), new YamlMapping()
            .Add("name", attribute.Target)
            .Add("runs-on", attribute.RunsOn)
            .Add("environment", WorkflowParts.EnvironmentName(attribute.JobEnvironment))
            .Add("steps", WorkflowParts.Steps(attribute, attribute.Target, "--profile \"$TARGET_ENVIRONMENT\"",
                new YamlMapping().Add("TARGET_ENVIRONMENT", WorkflowParts.ChosenEnvironment)))));
}
