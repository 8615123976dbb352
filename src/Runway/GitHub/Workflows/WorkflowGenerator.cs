using System.Reflection;

namespace Runway.GitHub.Workflows;

/// <summary>
/// Generates GitHub Actions workflows from the <see cref="GitHubActionsWorkflowAttribute"/>s on a build class,
/// and tells whether the committed files match.
/// </summary>
public static class WorkflowGenerator
{
    /// <summary>Where workflows live, relative to the repository root.</summary>
    public const string WorkflowsFolder = ".github/workflows";

    /// <summary>The workflow files <paramref name="buildType"/>'s attributes describe: relative path → YAML text (LF line ends).</summary>
    /// <exception cref="ArgumentException">An attribute is inconsistent (the message names it and the fix), or two share a name.</exception>
    public static IReadOnlyDictionary<string, string> Generate(Type buildType)
    {
        ArgumentNullException.ThrowIfNull(buildType);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var attributes = buildType.GetCustomAttributes<GitHubActionsWorkflowAttribute>(inherit: true).OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
        RollbackOutsideApproval(attributes);
        foreach (var attribute in attributes)
        {
            var path = $"{WorkflowsFolder}/{attribute.Name}.yml";
            if (!files.TryAdd(path, YamlEmitter.Emit(Build(attribute), WorkflowParts.Header(attribute, buildType))))
                throw new ArgumentException($"Two workflow attributes on {buildType.Name} are named '{attribute.Name}'. Give each a distinct name.", nameof(buildType));
        }
        return files;
    }

    /// <summary>The generated files that are missing under <paramref name="rootDirectory"/> or differ from it (line ends ignored).</summary>
    public static IReadOnlyList<WorkflowDrift> FindDrift(Type buildType, string rootDirectory) =>
        [.. Generate(buildType).Select(file => Compare(rootDirectory, file.Key, file.Value)).OfType<WorkflowDrift>()];

    /// <summary>Writes the generated files under <paramref name="rootDirectory"/>; returns the paths written.</summary>
    public static IReadOnlyList<string> Write(Type buildType, string rootDirectory)
    {
        var files = Generate(buildType);
        foreach (var (path, yaml) in files)
        {
            var fullPath = Path.Combine(rootDirectory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
            File.WriteAllText(fullPath, yaml);
        }
        return [.. files.Keys];
    }

    // A rollback job in the deploy's protected environment would wait for the release's reviewers during an incident.
    private static void RollbackOutsideApproval(List<GitHubActionsWorkflowAttribute> attributes)
    {
        foreach (var rollback in attributes.OfType<GitHubActionsRollbackAttribute>())
            foreach (var deploy in attributes.OfType<GitHubActionsDeployAttribute>().Where(d => d.ApprovalEnvironment == rollback.JobEnvironment))
                throw new ArgumentException(
                    $"[GitHubActionsRollback(\"{rollback.Name}\")] runs in '{rollback.JobEnvironment}', the approval environment of [GitHubActionsDeploy(\"{deploy.Name}\")]: " +
                    "a rollback would wait for the release's reviewers. Give it an environment without required reviewers that holds the secrets (JobEnvironment, default {environment}-runway).",
                    nameof(attributes));
    }

    private static YamlMapping Build(GitHubActionsWorkflowAttribute attribute) => attribute switch
    {
        GitHubActionsDeployAttribute deploy => DeployWorkflow.Build(deploy),
        GitHubActionsRollbackAttribute rollback => RollbackWorkflow.Build(rollback),
        _ => throw new ArgumentException($"Unknown workflow attribute {attribute.GetType().Name}.", nameof(attribute)),
    };

    private static WorkflowDrift? Compare(string rootDirectory, string relativePath, string expected)
    {
        var fullPath = Path.Combine(rootDirectory, relativePath);
        if (!File.Exists(fullPath))
            return new WorkflowDrift(relativePath, "missing");
        var committed = File.ReadAllText(fullPath).Replace("\r\n", "\n", StringComparison.Ordinal);
        return committed == expected ? null : new WorkflowDrift(relativePath, "differs");
    }
}
