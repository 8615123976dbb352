using Runway.Tests.Adoption.Support;
using Shouldly;
using Xunit;

namespace Runway.Tests.Adoption;

/// <summary>
/// A deploy file that is there but wrong inside — a service contract of the wrong type, smoke probes that are not JSON,
/// a migration named against the convention — is refused through <c>./build.sh Deploy</c> before anything starts: no
/// cluster, so no ledger record of a failed deployment, naming the file, the parameter it came from and the fix.
/// </summary>
public sealed class DeployFileContentsTests
{
    [Theory]
    [InlineData("deploy/service.json", "{ \"healthPath\": 5, \"auth\": \"none\" }",
        "--service-file is deploy/service.json (from", "healthPath")]
    [InlineData("deploy/smoke.json", "{ \"probes\": [ { \"name\": \"ready\", \"path\": \"/health\" } ",
        "--smoke-file is deploy/smoke.json (from", "Fix the JSON")]
    [InlineData("deploy/migrations/V3_add_column.sql", "ALTER TABLE items ADD COLUMN note text;",
        "--migrations-directory is deploy/migrations (from", "V3_add_column.sql' has a malformed name: expected V<version>__<description>.sql")]
    public async Task ABrokenDeployFile_IsRefusedBeforeAnythingStarts_NamingTheFileItsSourceAndTheFix(
        string file, string content, string source, string problem)
    {
        await using var repository = await InitRepository.CreateAsync();
        await repository.WriteAsync(file, content);

        var run = await repository.BuildAsync("Deploy", "--version", "1.0.0");

        run.ShouldFail($"a broken {file}");
        run.ShouldSay("Refused before anything started", "refused up front, not mid-Preparation");
        run.ShouldSay(source, "the input and its source");
        run.ShouldSay(problem, "what is wrong and how to fix it");
        repository.ClusterCreated.ShouldBeFalse("nothing started: no cluster, no ledger record of a failed deployment");
    }
}
