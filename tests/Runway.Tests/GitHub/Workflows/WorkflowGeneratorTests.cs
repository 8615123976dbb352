using Runway.GitHub.Workflows;
using Shouldly;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Runway.Tests.GitHub.Workflows;

public sealed class WorkflowGeneratorTests
{
    private static readonly string[] JobIds = ["preparation", "canary", "rollout50", "rollout-full", "migration", "validation"];

    private static YamlMappingNode Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static YamlMappingNode Map(YamlNode node, params string[] path) =>
        (YamlMappingNode)path.Aggregate(node, (current, key) => ((YamlMappingNode)current)[key]);

    private static string Text(YamlNode node, params string[] path) =>
        ((YamlScalarNode)path.Aggregate(node, (current, key) => ((YamlMappingNode)current)[key])).Value!;

    [Fact]
    public void Generate_DeployAndRollbackAttributes_OneFileEach()
    {
        var files = WorkflowGenerator.Generate(typeof(StagedBuild));

        files.Keys.ShouldBe([".github/workflows/deploy.yml", ".github/workflows/rollback.yml"]);
    }

    [Fact]
    public void Generate_Deploy_OneJobPerPhaseChainedByNeeds()
    {
        var root = Parse(WorkflowGenerator.Generate(typeof(StagedBuild))[".github/workflows/deploy.yml"]);

        var jobs = Map(root, "jobs");
        jobs.Children.Keys.Select(k => ((YamlScalarNode)k).Value).ShouldBe(["approval", .. JobIds]);
        Map(jobs, "approval").Children.ContainsKey("needs").ShouldBeFalse();
        Text(jobs, "preparation", "needs").ShouldBe("approval");
        for (var i = 1; i < JobIds.Length; i++)
            Text(jobs, JobIds[i], "needs").ShouldBe(JobIds[i - 1]);
        Text(jobs, "rollout-full", "name").ShouldBe("RolloutFull");
    }

    // The approval job is the only one in the protected environment; every phase job runs in the environment that
    // holds the secrets and has no reviewers, so reviewers approve a release once and each job still gets the secrets.
    [Fact]
    public void Generate_Deploy_OnlyTheApprovalJobNamesTheProtectedEnvironment_SoReviewersApproveOnce()
    {
        var root = Parse(WorkflowGenerator.Generate(typeof(StagedBuild))[".github/workflows/deploy.yml"]);

        Text(root, "jobs", "approval", "environment", "name").ShouldBe("${{ inputs.environment }}-approval");
        foreach (var job in JobIds)
            Text(root, "jobs", job, "environment", "name").ShouldBe("${{ inputs.environment }}-runway", job);
        var inputs = Map(root, "on", "workflow_dispatch", "inputs");
        Text(inputs, "version", "required").ShouldBe("true");
        Text(inputs, "environment", "type").ShouldBe("choice");
        Text(inputs, "environment", "default").ShouldBe("production");
        ((YamlSequenceNode)Map(inputs, "environment")["options"]).Select(n => ((YamlScalarNode)n).Value).ShouldBe(["production", "staging"]);
    }

    [Fact]
    public void Generate_DeployAndRollback_ShareOneGroupPerEnvironment_OnlyRollbackCancelsInProgress()
    {
        var files = WorkflowGenerator.Generate(typeof(StagedBuild));
        var deploy = Parse(files[".github/workflows/deploy.yml"]);
        var rollback = Parse(files[".github/workflows/rollback.yml"]);

        Text(deploy, "concurrency", "group").ShouldBe("runway-${{ inputs.environment }}");
        Text(rollback, "concurrency", "group").ShouldBe(Text(deploy, "concurrency", "group"));
        Text(deploy, "concurrency", "cancel-in-progress").ShouldBe("false");
        Text(rollback, "concurrency", "cancel-in-progress").ShouldBe("true");
    }

    [Fact]
    public void Generate_LeastPrivilege_RollbackCannotWriteContentsNorReadChecks()
    {
        var files = WorkflowGenerator.Generate(typeof(StagedBuild));

        Map(Parse(files[".github/workflows/deploy.yml"]), "permissions").Children.Select(p => $"{p.Key}={p.Value}")
            .ShouldBe(["contents=write", "deployments=write", "issues=write", "checks=read", "statuses=read", "pull-requests=read"]);
        Map(Parse(files[".github/workflows/rollback.yml"]), "permissions").Children.Select(p => $"{p.Key}={p.Value}")
            .ShouldBe(["contents=read", "deployments=write", "issues=write"]);
    }

    [Theory]
    [InlineData("deploy.yml", "canary")]
    [InlineData("rollback.yml", "rollback")]
    public void Generate_EveryJob_InstallsThePostgresClientAndWritesAJobSummary(string file, string job)
    {
        var steps = (YamlSequenceNode)Map(Parse(WorkflowGenerator.Generate(typeof(StagedBuild))[$".github/workflows/{file}"]), "jobs", job)["steps"];

        steps.Cast<YamlMappingNode>().ShouldContain(s => s.Children.ContainsKey("run") && Text(s, "run").Contains("postgresql-client"));
        var summary = steps.Cast<YamlMappingNode>().Last();
        Text(summary, "if").ShouldBe("always()");
        Text(summary, "run").ShouldContain("$GITHUB_STEP_SUMMARY");
    }

    [Fact]
    public void Generate_Deploy_EachJobRunsItsPhaseWithVersionProfileAndSecrets()
    {
        var root = Parse(WorkflowGenerator.Generate(typeof(StagedBuild))[".github/workflows/deploy.yml"]);

        var step = (YamlMappingNode)((YamlSequenceNode)Map(root, "jobs", "canary")["steps"])[3];
        Text(step, "run").ShouldBe("./build.sh Canary --version \"$RELEASE_VERSION\" --profile \"$TARGET_ENVIRONMENT\"");
        Text(step, "env", "RELEASE_VERSION").ShouldBe("${{ inputs.version }}");
        Text(step, "env", "TARGET_ENVIRONMENT").ShouldBe("${{ inputs.environment }}");
        Text(step, "env", "RUNWAY_LEDGER_CONNECTION_STRING").ShouldBe("${{ secrets.RUNWAY_LEDGER_CONNECTION_STRING }}");
        Text(step, "env", "RUNWAY_GITHUB_TOKEN").ShouldBe("${{ secrets.GITHUB_TOKEN }}");
        Text(root, "permissions", "deployments").ShouldBe("write");
    }

    [Fact]
    public void Generate_Rollback_StartedByHandRunningRollbackWithTheProfile()
    {
        var root = Parse(WorkflowGenerator.Generate(typeof(StagedBuild))[".github/workflows/rollback.yml"]);

        var inputs = Map(root, "on", "workflow_dispatch", "inputs");
        inputs.Children.Keys.Select(k => ((YamlScalarNode)k).Value).ShouldBe(["environment"]);
        var job = Map(root, "jobs", "rollback");
        Text(job, "environment", "name").ShouldBe("${{ inputs.environment }}-runway");
        var run = Text((YamlMappingNode)((YamlSequenceNode)job["steps"])[3], "run");
        run.ShouldBe("./build.sh Rollback --profile \"$TARGET_ENVIRONMENT\"");
    }

    // A job that names an environment makes Actions create a GitHub deployment of its own unless it says
    // deployment: false; Runway creates the release's deployment itself, so Actions must create none.
    [Theory]
    [InlineData("deploy.yml")]
    [InlineData("rollback.yml")]
    public void Generate_EveryJobNamingAnEnvironment_TellsActionsNotToCreateADeployment(string file)
    {
        var jobs = Map(Parse(WorkflowGenerator.Generate(typeof(StagedBuild))[$".github/workflows/{file}"]), "jobs");

        foreach (var (id, job) in jobs.Children)
        {
            var environment = ((YamlMappingNode)job).Children[new YamlScalarNode("environment")];
            environment.ShouldBeOfType<YamlMappingNode>($"{file} job {id}: a bare environment name makes Actions create a deployment");
            Text(environment, "deployment").ShouldBe("false", $"{file} job {id}");
        }
    }

    // On-call must not wait for the release's reviewers, yet needs the environment's secrets.
    [Fact]
    public void Generate_Rollback_RunsOutsideTheApprovalEnvironment_WithTheEnvironmentThatHoldsTheSecrets()
    {
        var files = WorkflowGenerator.Generate(typeof(StagedBuild));
        var deploy = Parse(files[".github/workflows/deploy.yml"]);
        var rollback = Parse(files[".github/workflows/rollback.yml"]);

        Text(rollback, "jobs", "rollback", "environment", "name").ShouldNotBe(Text(deploy, "jobs", "approval", "environment", "name"));
        Text(rollback, "jobs", "rollback", "environment", "name").ShouldBe(Text(deploy, "jobs", "canary", "environment", "name"));
    }

    [Fact]
    public void Generate_RollbackInTheApprovalEnvironment_ThrowsNamingTheFix() =>
        Should.Throw<ArgumentException>(() => WorkflowGenerator.Generate(typeof(RollbackBehindReviewersBuild))).Message
            .ShouldContain("would wait for the release's reviewers");

    [Fact]
    public void Generate_ActionsDeploymentsAskedFor_BareEnvironmentNames()
    {
        var root = Parse(WorkflowGenerator.Generate(typeof(ActionsDeploymentsBuild))[".github/workflows/deploy.yml"]);

        Text(root, "jobs", "approval", "environment").ShouldBe("${{ inputs.environment }}");
    }

    [Fact]
    public void Generate_Twice_SameText()
    {
        WorkflowGenerator.Generate(typeof(StagedBuild)).ShouldBe(WorkflowGenerator.Generate(typeof(StagedBuild)));
    }

    [Theory]
    [InlineData("deploy.yml")]
    [InlineData("rollback.yml")]
    public void Generate_MatchesTheReviewedSnapshot(string file)
    {
        var generated = WorkflowGenerator.Generate(typeof(StagedBuild))[$".github/workflows/{file}"];
        // RUNWAY_UPDATE_SNAPSHOTS=1 rewrites the reviewed files after a deliberate change (review the diff, then commit).
        if (Environment.GetEnvironmentVariable("RUNWAY_UPDATE_SNAPSHOTS") == "1")
            File.WriteAllText(Path.Combine(Runway.Testing.RepositoryRoot.Path, "tests", "Runway.Tests", "GitHub", "Workflows", "Snapshots", file), generated);
        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "GitHub", "Workflows", "Snapshots", file)).Replace("\r\n", "\n", StringComparison.Ordinal);

        generated.ShouldBe(expected);
    }

    [Fact]
    public void Generate_RepeatedPhase_ThrowsNamingTheAttribute() =>
        Should.Throw<ArgumentException>(() => WorkflowGenerator.Generate(typeof(MisconfiguredBuild))).Message.ShouldContain("distinct Phases");

    [Fact]
    public void Generate_TwoWorkflowsWithOneName_Throws() =>
        Should.Throw<ArgumentException>(() => WorkflowGenerator.Generate(typeof(DuplicateNamesBuild))).Message.ShouldContain("'deploy'");
}
