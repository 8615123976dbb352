using Runway.Testing;
using Shouldly;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Runway.Tests.GitHub.Workflows;

/// <summary>
/// How the committed .github/workflows gate a release, read from the YAML GitHub runs (whatever generated it): one
/// concurrency group per environment that only a rollback cancels, reviewers asked once per release and never by a
/// rollback, no deployment made by Actions, least privilege, the PostgreSQL client and a job summary in every build job.
/// </summary>
public sealed class CommittedWorkflowGatesTests
{
    private const string ProtectedEnvironment = "${{ inputs.environment }}";

    private static readonly YamlMappingNode Deploy = Load("deploy.yml");
    private static readonly YamlMappingNode Rollback = Load("rollback.yml");

    [Fact]
    public void DeployAndRollback_ShareOneConcurrencyGroupPerEnvironment_OnlyARollbackCancels()
    {
        Text(Deploy, "concurrency", "group").ShouldContain(ProtectedEnvironment);
        Text(Rollback, "concurrency", "group").ShouldBe(Text(Deploy, "concurrency", "group"), "a rollback must cancel or wait for the deploy of its environment");
        Text(Deploy, "concurrency", "cancel-in-progress").ShouldBe("false", "a deploy never cancels a rollback");
        Text(Rollback, "concurrency", "cancel-in-progress").ShouldBe("true", "a rollback cancels the pending deploy");
    }

    [Fact]
    public void Deploy_ReviewersAskedOnce_OneJobInTheProtectedEnvironment_EveryOtherJobNeedsIt()
    {
        var jobs = Jobs(Deploy);
        var approval = jobs.Where(j => EnvironmentName(j.Value) == ProtectedEnvironment).Select(j => j.Key).ToList();

        approval.ShouldHaveSingleItem("reviewers are asked once per job that names the protected environment");
        foreach (var (id, _) in jobs.Where(j => j.Key != approval[0]))
            Needs(jobs, id).ShouldContain(approval[0], $"job {id} runs only after the approval");
    }

    [Fact]
    public void Rollback_NeverWaitsForTheReleaseReviewers_YetRunsInAnEnvironmentForTheSecrets()
    {
        foreach (var (id, job) in Jobs(Rollback))
        {
            EnvironmentName(job).ShouldNotBe(ProtectedEnvironment, $"rollback job {id} would wait for the release's reviewers");
            EnvironmentName(job).ShouldNotBeNull($"rollback job {id} needs the environment's secrets");
        }
    }

    [Theory]
    [InlineData("deploy.yml")]
    [InlineData("rollback.yml")]
    public void EveryJobNamingAnEnvironment_MakesActionsCreateNoDeployment(string file)
    {
        foreach (var (id, job) in Jobs(Load(file)))
            (job.Children.TryGetValue(new YamlScalarNode("environment"), out var environment) && environment is YamlMappingNode map
                && map.Children.TryGetValue(new YamlScalarNode("deployment"), out var deployment) ? ((YamlScalarNode)deployment).Value : null)
                .ShouldBe("false", $"{file} job {id}: Actions would create a deployment beside Runway's");
    }

    [Fact]
    public void Permissions_LeastPrivilegePerFile()
    {
        Permissions(Deploy).ShouldBe(["checks=read", "contents=write", "deployments=write", "issues=write", "pull-requests=read", "statuses=read"]);
        Permissions(Rollback).ShouldBe(["contents=read", "deployments=write", "issues=write"]);
    }

    [Fact]
    public void Environment_IsAChoice_NotFreeText()
    {
        foreach (var root in new[] { Deploy, Rollback })
            Text(root, "on", "workflow_dispatch", "inputs", "environment", "type").ShouldBe("choice");
    }

    [Theory]
    [InlineData("deploy.yml")]
    [InlineData("rollback.yml")]
    public void EveryBuildJob_InstallsThePostgresClient_AndWritesAJobSummary(string file)
    {
        foreach (var (id, job) in Jobs(Load(file)).Where(j => Runs(j.Value).Any(r => r.Contains("build.sh", StringComparison.Ordinal))))
        {
            Runs(job).ShouldContain(r => r.Contains("postgresql-client", StringComparison.Ordinal), $"{file} job {id}");
            Runs(job).ShouldContain(r => r.Contains("$GITHUB_STEP_SUMMARY", StringComparison.Ordinal), $"{file} job {id}");
        }
    }

    private static YamlMappingNode Load(string file)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(RepositoryRoot.Path, ".github", "workflows", file))));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static List<(string Key, YamlMappingNode Value)> Jobs(YamlMappingNode root) =>
        [.. ((YamlMappingNode)root["jobs"]).Children.Select(j => (((YamlScalarNode)j.Key).Value!, (YamlMappingNode)j.Value))];

    private static string? EnvironmentName(YamlMappingNode job) =>
        !job.Children.TryGetValue(new YamlScalarNode("environment"), out var environment) ? null
        : environment is YamlScalarNode name ? name.Value : ((YamlScalarNode)((YamlMappingNode)environment)["name"]).Value;

    // The jobs a job waits for, directly or through the jobs it needs.
    private static HashSet<string> Needs(List<(string Key, YamlMappingNode Value)> jobs, string id)
    {
        var job = jobs.Single(j => j.Key == id).Value;
        if (!job.Children.TryGetValue(new YamlScalarNode("needs"), out var needs)) return [];
        var direct = needs is YamlScalarNode one ? [one.Value!] : ((YamlSequenceNode)needs).Select(n => ((YamlScalarNode)n).Value!).ToList();
        return [.. direct, .. direct.SelectMany(d => Needs(jobs, d))];
    }

    private static List<string> Runs(YamlMappingNode job) =>
        [.. ((YamlSequenceNode)job["steps"]).Cast<YamlMappingNode>().Where(s => s.Children.ContainsKey("run")).Select(s => ((YamlScalarNode)s["run"]).Value!)];

    private static List<string> Permissions(YamlMappingNode root) =>
        [.. ((YamlMappingNode)root["permissions"]).Children.Select(p => $"{p.Key}={p.Value}").Order(StringComparer.Ordinal)];

    private static string Text(YamlNode node, params string[] path) =>
        ((YamlScalarNode)path.Aggregate(node, (current, key) => ((YamlMappingNode)current)[key])).Value!;
}
