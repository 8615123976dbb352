using Runway.Checklists;
using Runway.Service;
using Runway.Service.Init;
using Runway.Smoke;
using Shouldly;
using Xunit;

namespace Runway.Tests.Service;

public sealed class RepositoryInitTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("runway-init-").FullName;

    [Theory]
    [InlineData("local")]
    [InlineData("commands")]
    [InlineData("haproxy-prometheus")]
    public async Task Write_AnEmptyRepository_GetsAValidNeutralDeployFolderAndAProfile(string kind)
    {
        var files = RepositoryInit.Write(_root, kind, "production");

        files.ShouldContain(".nuke/parameters.production.json");
        var contract = ServiceContractFile.Load(Path.Combine(_root, "deploy/service.json"));
        contract.NeedsToken.ShouldBeFalse();
        SmokeProbeFile.Load(Path.Combine(_root, "deploy/smoke.json")).Count.ShouldBe(1);
        var checklist = await ChecklistParser.ParseFileAsync(Path.Combine(_root, "deploy/checklist.md"), CancellationToken.None);
        checklist.Items.ShouldContain(i => i.CheckId == "canary-analysis-passed");
        Directory.Exists(Path.Combine(_root, "deploy/migrations")).ShouldBeTrue();
        var written = string.Concat(files.Select(f => File.ReadAllText(Path.Combine(_root, f))));
        written.ShouldNotContain("/api/orchestrations");
        written.ShouldNotContain("X-Release");
        written.ShouldNotContain("Sample__");
        File.ReadAllText(Path.Combine(_root, ".nuke/parameters.production.json")).ShouldContain($"\"PoolRuntime\": \"{(kind == "local" ? "local" : "commands")}\"");
    }

    [Fact]
    public void Write_OverAnExistingFile_WritesNothingAndNamesIt()
    {
        Directory.CreateDirectory(Path.Combine(_root, "deploy"));
        File.WriteAllText(Path.Combine(_root, "deploy/checklist.md"), "mine");

        var error = Should.Throw<InvalidOperationException>(() => RepositoryInit.Write(_root, "commands", "production"));

        error.Message.ShouldContain("deploy/checklist.md");
        File.ReadAllText(Path.Combine(_root, "deploy/checklist.md")).ShouldBe("mine");
        File.Exists(Path.Combine(_root, "deploy/service.json")).ShouldBeFalse();
    }

    [Fact]
    public void Write_AnUnknownKind_NamesTheKinds()
    {
        Should.Throw<InvalidOperationException>(() => RepositoryInit.Write(_root, "kubernetes", "production")).Message.ShouldContain("haproxy-prometheus");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
