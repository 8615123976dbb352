using Runway.GitHub.Workflows;
using Runway.Testing;
using Shouldly;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Runway.Tests.GitHub.Workflows;

/// <summary>The repository's own .github/workflows are exactly what the attributes on Build generate.</summary>
public sealed partial class CommittedWorkflowsTests
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

    [Theory]
    [InlineData("deploy.yml")]
    [InlineData("rollback.yml")]
    public async Task CommittedWorkflows_ValidateAgainstTheActionsSchema(string file)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, ".github", "workflows", file));
        // action-validator 0.6.0 (the newest on npm) bundles a workflow schema older than GitHub's documented
        // jobs.<id>.environment.deployment: the key is checked below, and everything else by the validator.
        var withoutDeploymentKey = DeploymentKey().Replace(text, "");
        withoutDeploymentKey.ShouldNotContain("deployment:", Case.Sensitive, $"{file}: only environment's deployment key is taken out");
        var copy = Path.Combine(Path.GetTempPath(), $"runway-{Guid.NewGuid():N}-{file}");
        File.WriteAllText(copy, withoutDeploymentKey);
        try
        {
            var info = new System.Diagnostics.ProcessStartInfo("action-validator", [copy]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var validator = StartValidator(info);
            var output = await validator.StandardOutput.ReadToEndAsync() + await validator.StandardError.ReadToEndAsync();
            await validator.WaitForExitAsync();

            validator.ExitCode.ShouldBe(0, $"action-validator rejected {file}:\n{output}");
        }
        finally
        {
            File.Delete(copy);
        }
    }

    // GitHub's documented form (jobs.<id>.environment: { name, deployment: false }): a boolean under an environment mapping.
    [Theory]
    [InlineData("deploy.yml")]
    [InlineData("rollback.yml")]
    public void CommittedWorkflows_EveryEnvironmentSaysDeploymentFalse_InGitHubsDocumentedForm(string file)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(RepositoryRoot.Path, ".github", "workflows", file))));
        var jobs = (YamlMappingNode)((YamlMappingNode)stream.Documents.Single().RootNode)["jobs"];

        foreach (var (id, job) in jobs.Children)
        {
            var environment = (YamlMappingNode)((YamlMappingNode)job)["environment"];
            environment.Children.Keys.Select(k => ((YamlScalarNode)k).Value).ShouldBe(["name", "deployment"], $"{file} {id}");
            ((YamlScalarNode)environment["deployment"]).Value.ShouldBe("false", $"{file} {id}");
            ((YamlScalarNode)environment["deployment"]).Style.ShouldBe(YamlDotNet.Core.ScalarStyle.Plain, $"{file} {id}: a boolean, not a string");
        }
        DeploymentKey().Matches(File.ReadAllText(Path.Combine(RepositoryRoot.Path, ".github", "workflows", file))).Count.ShouldBe(jobs.Children.Count, file);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?m)^ {6}deployment: false\n")]
    private static partial System.Text.RegularExpressions.Regex DeploymentKey();

    [Fact]
    public void EnvironmentChoices_AreTheProfilesOfThisRepository()
    {
        var profiles = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, ".nuke"), "parameters.*.json")
            .Select(f => Path.GetFileName(f)["parameters.".Length..^".json".Length])
            // Profile local deploys the sample on the machine it runs on, with a ledger on that machine: staged jobs on
            // different runners could not resume one deployment from it, so it is no workflow environment.
            .Where(p => p != "local").Order().ToList();

        foreach (var file in new[] { "deploy.yml", "rollback.yml" })
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(Path.Combine(RepositoryRoot.Path, ".github", "workflows", file))));
            var input = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)stream.Documents.Single().RootNode)["on"])["workflow_dispatch"])["inputs"];
            var environment = (YamlMappingNode)input["environment"];
            ((YamlScalarNode)environment["type"]).Value.ShouldBe("choice", file);
            ((YamlSequenceNode)environment["options"]).Select(n => ((YamlScalarNode)n).Value!).Order().ToList().ShouldBe(profiles, customMessage: file);
        }
    }

    private static System.Diagnostics.Process StartValidator(System.Diagnostics.ProcessStartInfo info)
    {
        try
        {
            return System.Diagnostics.Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            throw new InvalidOperationException("action-validator is not installed; run: npm install -g @action-validator/cli (see .ci/run).", error);
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
