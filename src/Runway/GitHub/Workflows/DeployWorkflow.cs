namespace Runway.GitHub.Workflows;

/// <summary>
/// Builds the staged deploy workflow: one job per phase, chained by <c>needs:</c>; only the first names the protected
/// environment, so reviewers approve once and GitHub makes one deployment of its own per release.
/// </summary>
internal static class DeployWorkflow
{
    public static YamlMapping Build(GitHubActionsDeployAttribute attribute)
    {
        if (attribute.Phases.Length == 0 || attribute.Phases.Distinct(StringComparer.OrdinalIgnoreCase).Count() != attribute.Phases.Length)
            throw new ArgumentException($"[GitHubActionsDeploy(\"{attribute.Name}\")] needs a non-empty list of distinct Phases.", nameof(attribute));
        var jobs = new YamlMapping { Spaced = true };
        string? previous = null;
        foreach (var phase in attribute.Phases)
        {
            var id = JobId(phase);
            jobs.Add(id, Job(attribute, phase, previous));
            previous = id;
        }
        return new YamlMapping { Spaced = true }
            .Add("name", $"Deploy ({attribute.Name})")
            .Add("on", new YamlMapping().Add("workflow_dispatch", new YamlMapping().Add("inputs", new YamlMapping()
                .Add("version", new YamlMapping().Add("description", "Release to deploy, e.g. 2.4.0").Add("required", true).Add("type", "string"))
                .Add("environment", WorkflowParts.EnvironmentInput(attribute)))))
            .Add("permissions", WorkflowParts.DeployPermissions(attribute))
            // A deploy waits for whatever runs in the environment and never cancels it (a rollback above all).
            .Add("concurrency", WorkflowParts.Concurrency(attribute, cancelInProgress: false))
            .Add("jobs", jobs);
    }

    /// <summary><c>RolloutFull</c> → <c>rollout-full</c>; <c>Rollout50</c> → <c>rollout50</c>.</summary>
    public static string JobId(string phase) => WorkflowParts.UpperSnake(phase).ToLowerInvariant().Replace('_', '-');

    private static YamlMapping Job(GitHubActionsDeployAttribute attribute, string phase, string? needs)
    {
        var env = new YamlMapping().Add("RELEASE_VERSION", "${{ inputs.version }}").Add("TARGET_ENVIRONMENT", WorkflowParts.ChosenEnvironment);
        const string arguments = "--version \"$RELEASE_VERSION\" --profile \"$TARGET_ENVIRONMENT\"";
        return new YamlMapping()
            .Add("name", phase)
            .AddIf(needs is not null, "needs", () => needs!)
            .Add("runs-on", attribute.RunsOn)
            .AddIf(needs is null, "environment", () => WorkflowParts.EnvironmentName(attribute.ApprovalEnvironment))
            .Add("steps", WorkflowParts.Steps(attribute, phase, arguments, env,
                summary: $"{attribute.BuildScript} Checklist {arguments} --verbosity quiet > /dev/null\n" +
                         "cat \"$(ls -t .nuke/temp/reports/*/checklist.md | head -n 1)\" >> \"$GITHUB_STEP_SUMMARY\"\n"));
    }
}
