using Runway.Checklists.Checks;
using Runway.Tests.Checklists.Checks;
using Shouldly;
using Xunit;

namespace Runway.Tests.BuildProject;

/// <summary>
/// Issue 14 rule 4: a person tunes `.nuke/parameters*.json` per environment (the README says parameters go there);
/// that edit does not fail git-clean, and the check's evidence records which file and its exact content hash.
/// </summary>
public sealed class ParameterFilesCleanTreeTests
{
    [Fact]
    public async Task GitClean_EditedParameterFile_PassesAndRecordsTheFileAndItsHash()
    {
        await using var repo = await TempGitRepository.CreateAsync();
        await repo.WriteAsync(".nuke/parameters.json", """{ "Version": "1.0.0" }""");
        await repo.CommitAllAsync();
        await repo.WriteAsync(".nuke/parameters.json", """{ "Version": "1.1.0" }""");

        var result = await GitCleanCheck.RunAsync(repo.Directory);

        result.Passed.ShouldBeTrue(result.Summary);
        var recorded = result.Evidence["parameterFilesChanged"]!.AsArray().Single()!;
        recorded["path"]!.GetValue<string>().ShouldBe(".nuke/parameters.json");
        recorded["sha256"]!.GetValue<string>().ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("""{ "Version": "1.1.0" }"""u8)));
    }

    [Fact]
    public async Task GitClean_OtherChangesBesideAParameterFile_StillFails()
    {
        await using var repo = await TempGitRepository.CreateAsync();
        await repo.WriteAsync("src.cs", "class A {}");
        await repo.CommitAllAsync();
        await repo.WriteAsync(".nuke/parameters.production.json", "{}");
        await repo.WriteAsync("src.cs", "class B {}");

        var result = await GitCleanCheck.RunAsync(repo.Directory);

        result.Passed.ShouldBeFalse();
        result.Summary.ShouldContain("src.cs");
    }
}
