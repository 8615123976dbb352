using Runway.Checklists.Checks;
using Shouldly;
using Xunit;

namespace Runway.Tests.Checklists.Checks;

public sealed class GitChecksTests
{
    [Fact]
    public async Task GitClean_CommittedTree_Passes()
    {
        await using var repo = await TempGitRepository.CreateAsync();
        await repo.WriteAsync("README.md", "hello\n");
        await repo.CommitAllAsync();

        var result = await GitCleanCheck.RunAsync(repo.Directory);

        result.Passed.ShouldBeTrue(result.Summary);
        result.Evidence["changedCount"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task GitClean_ModifiedAndUntrackedFiles_FailsListingThem()
    {
        await using var repo = await TempGitRepository.CreateAsync();
        await repo.WriteAsync("README.md", "hello\n");
        await repo.CommitAllAsync();
        await repo.WriteAsync("README.md", "changed\n");
        await repo.WriteAsync("new file.txt", "x");

        var result = await GitCleanCheck.RunAsync(repo.Directory);

        result.Passed.ShouldBeFalse();
        result.Evidence["changed"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe(["README.md", "new file.txt"], ignoreOrder: true);
        result.Summary.ShouldContain("2 uncommitted change(s)");
    }

    [Fact]
    public async Task GitClean_NotARepository_FailsNamingTheFolder()
    {
        var folder = Directory.CreateTempSubdirectory("runway-nogit-").FullName;
        try
        {
            var error = await Should.ThrowAsync<InvalidOperationException>(() => GitCleanCheck.RunAsync(folder));

            error.Message.ShouldContain(folder);
        }
        finally { Directory.Delete(folder, true); }
    }

    [Fact]
    public async Task ReleaseIdentified_SemVerAndRepository_RecordsHeadCommit()
    {
        await using var repo = await TempGitRepository.CreateAsync();
        await repo.WriteAsync("a.txt", "a");
        await repo.CommitAllAsync();
        var head = (await repo.GitAsync("rev-parse", "HEAD")).Trim();

        var result = await ReleaseIdentifiedCheck.RunAsync("1.1.0-rc.1+build.7", repo.Directory);

        result.Passed.ShouldBeTrue();
        result.Evidence["commit"]!.GetValue<string>().ShouldBe(head);
        result.Summary.ShouldBe($"release 1.1.0-rc.1+build.7 at {head[..12]}");
    }

    [Theory]
    [InlineData("1.1")]
    [InlineData("v1.1.0")]
    [InlineData("01.1.0")]
    [InlineData("1.1.0-")]
    public async Task ReleaseIdentified_NotSemVer_FailsWithTheFix(string release)
    {
        var result = await ReleaseIdentifiedCheck.RunAsync(release);

        result.Passed.ShouldBeFalse();
        result.Summary.ShouldContain("is not a SemVer version");
    }
}
