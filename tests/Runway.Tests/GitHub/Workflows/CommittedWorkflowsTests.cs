using Runway.GitHub.Workflows;
using Runway.Testing;
using Shouldly;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Runway.Tests.GitHub.Workflows;

/// <summary>The repository's own .github/workflows are exactly what the attributes on Build generate.</summary>
public sealed class CommittedWorkflowsTests
{
    [Fact]
    public void CommittedWorkflows_MatchTheAttributesOnBuild()
    {
        var drift = WorkflowGenerator.FindDrift(typeof(Build), RepositoryRoot.Path);

        drift.ShouldBeEmpty($"Run ./build.sh GenerateWorkflows and commit .github/workflows: {string.Join(", ", drift)}");
    }

    [Fact]
    public void CommittedWorkflows_AreDeployAndRollback_AndParseAsYaml()
    {
        var files = WorkflowGenerator.Generate(typeof(Build));

        files.Keys.ShouldBe([".github/workflows/deploy.yml", ".github/workflows/rollback.yml"]);
        foreach (var path in files.Keys)
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(Path.Combine(RepositoryRoot.Path, path))));
            var jobs = (YamlMappingNode)((YamlMappingNode)stream.Documents.Single().RootNode)["jobs"];
            jobs.Children.ShouldNotBeEmpty(path);
        }
    }

    [Fact]
    public void DeployWorkflow_PassesTheWorkflowTokenAsRunwayGithubToken()
    {
        var deploy = File.ReadAllText(Path.Combine(RepositoryRoot.Path, ".github", "workflows", "deploy.yml"));

        deploy.ShouldContain("RUNWAY_GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}");
        deploy.ShouldContain("./build.sh RolloutFull --version \"$RELEASE_VERSION\" --profile \"$TARGET_ENVIRONMENT\"");
    }
}
