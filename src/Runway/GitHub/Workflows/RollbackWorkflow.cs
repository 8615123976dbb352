namespace Runway.GitHub.Workflows;

/// <summary>Builds the rollback workflow: started by hand, one job running the rollback target.</summary>
internal static class RollbackWorkflow
{
    public static YamlMapping Build(GitHubActionsRollbackAttribute attribute)
    {
        var env = new YamlMapping().Add("TARGET_ENVIRONMENT", WorkflowParts.ChosenEnvironment);
        const string arguments = "--profile \"$TARGET_ENVIRONMENT\"";
        return new YamlMapping { Spaced = true }
            .Add("name", $"Rollback ({attribute.Name})")
            .Add("on", new YamlMapping().Add("workflow_dispatch", new YamlMapping().Add("inputs", new YamlMapping()
                .Add("environment", WorkflowParts.EnvironmentInput(attribute)))))
            .Add("permissions", WorkflowParts.RollbackPermissions(attribute))
            // A rollback cancels the deploy running or waiting in the same environment; the deploy's own
            // cancellation returns traffic and frees the environment's lock before this run takes it.
            .Add("concurrency", WorkflowParts.Concurrency(attribute, cancelInProgress: true))
            .Add("jobs", new YamlMapping().Add(DeployWorkflow.JobId(attribute.Target), new YamlMapping()
                .Add("name", attribute.Target)
                .Add("runs-on", attribute.RunsOn)
                .AddIf(attribute.JobEnvironment.Length > 0, "environment", () => WorkflowParts.Environment(attribute, attribute.JobEnvironment))
                .Add("steps", WorkflowParts.Steps(attribute, attribute.Target, arguments, env,
                    summary: "echo '```' >> \"$GITHUB_STEP_SUMMARY\"\n" +
                             $"{attribute.BuildScript} Status {arguments} --verbosity quiet >> \"$GITHUB_STEP_SUMMARY\"\n" +
                             "echo '```' >> \"$GITHUB_STEP_SUMMARY\"\n"))));
    }
}
