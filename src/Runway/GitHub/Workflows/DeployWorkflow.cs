namespace Runway.GitHub.Workflows;

/// <summary>Builds the staged deploy workflow: one job per phase, chained by <c>needs:</c>.</summary>
internal static class DeployWorkflow
{
    public static YamlMapping Build(GitHubActionsDeployAttribute attribute)
    {
        var environments = PhaseEnvironments(attribute);
        var jobs = new YamlMapping { Spaced = true };
        string? previous = null;
        foreach (var phase in attribute.Phases)
        {
            var id = JobId(phase);
            jobs.Add(id, Job(attribute, phase, previous, environments.GetValueOrDefault(phase, "{environment}")));
            previous = id;
        }
        return new YamlMapping { Spaced = true }
            .Add("name", $"Deploy ({attribute.Name})")
            .Add("on", new YamlMapping().Add("workflow_dispatch", new YamlMapping().Add("inputs", new YamlMapping()
                .Add("version", new YamlMapping().Add("description", "Release to deploy, e.g. 2.4.0").Add("required", true).Add("type", "string"))
                .Add("environment", WorkflowParts.EnvironmentInput(attribute)))))
            .Add("permissions", WorkflowParts.Permissions(attribute))
            .Add("concurrency", new YamlMapping().Add("group", $"{attribute.Name}-{WorkflowParts.ChosenEnvironment}").Add("cancel-in-progress", false))
            .Add("jobs", jobs);
    }

    /// <summary><c>RolloutFull</c> → <c>rollout-full</c>; <c>Rollout50</c> → <c>rollout50</c>.</summary>
    public static string JobId(string phase) => WorkflowParts.UpperSnake(phase).ToLowerInvariant().Replace('_', '-');

    private static YamlMapping Job(GitHubActionsDeployAttribute attribute, string phase, string? needs, string environment) => new YamlMapping()
        .Add("name", phase)
        .AddIf(needs is not null, "needs", () => needs!)
        .Add("runs-on", attribute.RunsOn)
        .Add("environment", WorkflowParts.EnvironmentName(environment))
        .Add("steps", WorkflowParts.Steps(attribute, phase, "--version \"$RELEASE_VERSION\" --profile \"$TARGET_ENVIRONMENT\"", new YamlMapping()
            .Add("RELEASE_VERSION", "${{ inputs.version }}")
            .Add("TARGET_ENVIRONMENT", WorkflowParts.ChosenEnvironment)));

    private static Dictionary<string, string> PhaseEnvironments(GitHubActionsDeployAttribute attribute)
    {
        if (attribute.Phases.Length == 0 || attribute.Phases.Distinct(StringComparer.OrdinalIgnoreCase).Count() != attribute.Phases.Length)
            throw new ArgumentException($"[GitHubActionsDeploy(\"{attribute.Name}\")] needs a non-empty list of distinct Phases.", nameof(attribute));
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in attribute.PhaseEnvironments)
        {
            var parts = entry.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[1].Length == 0 || !attribute.Phases.Contains(parts[0]))
                throw new ArgumentException($"[GitHubActionsDeploy(\"{attribute.Name}\")] PhaseEnvironments entry '{entry}' must be 'Phase=environment' with Phase one of {string.Join(", ", attribute.Phases)}.", nameof(attribute));
            map[parts[0]] = parts[1];
        }
        return map;
    }
}
