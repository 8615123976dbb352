using Runway.GitHub.Workflows;
using Shouldly;
using Xunit;

namespace Runway.Tests.GitHub.Workflows;

public sealed class WorkflowDriftTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("runway-workflows-").FullName;

    [Fact]
    public void FindDrift_FreshlyWritten_NoDrift()
    {
        WorkflowGenerator.Write(typeof(StagedBuild), _root);

        WorkflowGenerator.FindDrift(typeof(StagedBuild), _root).ShouldBeEmpty();
    }

    [Fact]
    public void FindDrift_CrlfCheckout_NoDrift()
    {
        WorkflowGenerator.Write(typeof(StagedBuild), _root);
        var path = Path.Combine(_root, ".github", "workflows", "deploy.yml");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\n", "\r\n", StringComparison.Ordinal));

        WorkflowGenerator.FindDrift(typeof(StagedBuild), _root).ShouldBeEmpty();
    }

    [Fact]
    public void FindDrift_HandEditedFile_ReportsItAsDiffering()
    {
        WorkflowGenerator.Write(typeof(StagedBuild), _root);
        var path = Path.Combine(_root, ".github", "workflows", "deploy.yml");
        File.WriteAllText(path, File.ReadAllText(path).Replace("ubuntu-latest", "ubuntu-22.04", StringComparison.Ordinal));

        WorkflowGenerator.FindDrift(typeof(StagedBuild), _root).ShouldBe([new WorkflowDrift(".github/workflows/deploy.yml", "differs")]);
    }

    [Fact]
    public void FindDrift_MissingFile_ReportsItAsMissing()
    {
        WorkflowGenerator.Write(typeof(StagedBuild), _root);
        File.Delete(Path.Combine(_root, ".github", "workflows", "rollback.yml"));

        WorkflowGenerator.FindDrift(typeof(StagedBuild), _root).Single().ToString().ShouldBe(".github/workflows/rollback.yml (missing)");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
