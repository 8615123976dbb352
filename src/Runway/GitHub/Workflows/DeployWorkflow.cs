namespace Runway.GitHub.Workflows;

/// <summary>
/// Builds the staged deploy workflow: an approval job in the protected environment (reviewers approve the release
/// once), then one job per phase chained by <c>needs:</c>, each in the environment that holds Runway's secrets. No job
/// makes Actions create a deployment of its own: the release's one GitHub deployment is Runway's.
/// </summary>
internal static class DeployWorkflow
{
    public static YamlMapping Build(GitHubActionsDeployAttribute attribute)
    {
        if (attribute.Phases.Length == 0 || attribute.Phases.Distinct(StringComparer.OrdinalIgnoreCase).Count() != attribute.Phases.Length)
            throw new ArgumentException($"[GitHubActionsDeploy(\"{attribute.Name}\")] needs a non-empty list of distinct Phases.", nameof(attribute));
        if (attribute.Phases.Any(p => JobId(p) == ApprovalJobId))
            throw new ArgumentException($"[GitHubActionsDeploy(\"{attribute.Name}\")] has a phase named like the approval job ('{ApprovalJobId}'). Rename the target.", nameof(attribute));
        var jobs = new YamlMapping { Spaced = true }.Add(ApprovalJobId, ApprovalJob(attribute));
        var previous = ApprovalJobId;
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

    /// <summary>The job that waits for the protected environment's reviewers; every phase job needs it.</summary>
    public const string ApprovalJobId = "approval";

    /// <summary><c>RolloutFull</c> → <c>rollout-full</c>; <c>Rollout50</c> → <c>rollout50</c>.</summary>
    public static string JobId(string phase) => WorkflowParts.UpperSnake(phase).ToLowerInvariant().Replace('_', '-');

    // Runs nothing that needs a secret: the protected environment only gates, so its reviewers are asked once per release.
    private static YamlMapping ApprovalJob(GitHubActionsDeployAttribute attribute) => new YamlMapping()
        .Add("name", "Approval")
        .Add("runs-on", attribute.RunsOn)
        .Add("environment", WorkflowParts.Environment(attribute, attribute.ApprovalEnvironment))
        .Add("steps", new List<object>
        {
            new YamlMapping()
                .Add("name", "Approved")
                .Add("run", "echo \"Release $RELEASE_VERSION approved for $TARGET_ENVIRONMENT\" >> \"$GITHUB_STEP_SUMMARY\"")
                .Add("env", new YamlMapping().Add("RELEASE_VERSION", "${{ inputs.version }}").Add("TARGET_ENVIRONMENT", WorkflowParts.ChosenEnvironment)),
        });

    private static YamlMapping Job(GitHubActionsDeployAttribute attribute, string phase, string needs)
    {
        var env = new YamlMapping().Add("RELEASE_VERSION", "${{ inputs.version }}").Add("TARGET_ENVIRONMENT", WorkflowParts.ChosenEnvironment);
        const string arguments = "--version \"$RELEASE_VERSION\" --profile \"$TARGET_ENVIRONMENT\"";
        return new YamlMapping()
            .Add("name", phase)
            .Add("needs", needs)
            .Add("runs-on", attribute.RunsOn)
            .AddIf(attribute.JobEnvironment.Length > 0, "environment", () => WorkflowParts.Environment(attribute, attribute.JobEnvironment))
            .Add("steps", WorkflowParts.Steps(attribute, phase, arguments, env,
                summary: $"{attribute.BuildScript} Checklist {arguments} --verbosity quiet > /dev/null\n" +
                         "cat \"$(ls -t .nuke/temp/reports/*/checklist.md | head -n 1)\" >> \"$GITHUB_STEP_SUMMARY\"\n"));
    }
}
