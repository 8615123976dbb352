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
        jobs.Children.Keys.Select(k => ((YamlScalarNode)k).Value).ShouldBe(JobIds);
        jobs.Children.ContainsKey("needs").ShouldBeFalse();
        Map(jobs, "preparation").Children.ContainsKey("needs").ShouldBeFalse();
        for (var i = 1; i < JobIds.Length; i++)
            Text(jobs, JobIds[i], "needs").ShouldBe(JobIds[i - 1]);
        Text(jobs, "rollout-full", "name").ShouldBe("RolloutFull");
    }

    [Fact]
    public void Generate_Deploy_EnvironmentsPerJobAndInputs()
    {
        var root = Parse(WorkflowGenerator.Generate(typeof(StagedBuild))[".github/workflows/deploy.yml"]);

        Text(root, "jobs", "preparation", "environment").ShouldBe("${{ inputs.environment }}-preflight");
        Text(root, "jobs", "canary", "environment").ShouldBe("${{ inputs.environment }}");
        var inputs = Map(root, "on", "workflow_dispatch", "inputs");
        Text(inputs, "version", "required").ShouldBe("true");
        Text(inputs, "environment", "default").ShouldBe("production");
        ((YamlSequenceNode)Map(inputs, "environment")["options"]).Select(n => ((YamlScalarNode)n).Value).ShouldBe(["production", "staging"]);
    }

    [Fact]
    public void Generate_Deploy_EachJobRunsItsPhaseWithVersionProfileAndSecrets()
    {
        var root = Parse(WorkflowGenerator.Generate(typeof(StagedBuild))[".github/workflows/deploy.yml"]);

        var step = (YamlMappingNode)((YamlSequenceNode)Map(root, "jobs", "canary")["steps"]).Last();
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
        Text(job, "environment").ShouldBe("${{ inputs.environment }}");
        var run = Text((YamlMappingNode)((YamlSequenceNode)job["steps"]).Last(), "run");
        run.ShouldBe("./build.sh Rollback --profile \"$TARGET_ENVIRONMENT\"");
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
        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "GitHub", "Workflows", "Snapshots", file)).Replace("\r\n", "\n", StringComparison.Ordinal);

        WorkflowGenerator.Generate(typeof(StagedBuild))[$".github/workflows/{file}"].ShouldBe(expected);
    }

    [Fact]
    public void Generate_PhaseEnvironmentForUnknownPhase_ThrowsNamingTheEntry() =>
        Should.Throw<ArgumentException>(() => WorkflowGenerator.Generate(typeof(MisconfiguredBuild))).Message.ShouldContain("'Canary=prod'");

    [Fact]
    public void Generate_TwoWorkflowsWithOneName_Throws() =>
        Should.Throw<ArgumentException>(() => WorkflowGenerator.Generate(typeof(DuplicateNamesBuild))).Message.ShouldContain("'deploy'");
}
