using Runway.Checklists.Checks;
using Shouldly;
using Xunit;

namespace Runway.Tests.Checklists.Checks;

public sealed class NoCommittedSecretsCheckTests
{
    // Built by concatenation so this repository's own scan never flags the test source.
    private static readonly string PrivateKey = "-----BEGIN " + "RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n";
    private static readonly string AwsKey = "AKIA" + "ABCDEFGHIJKLMNOP";
    private static readonly string GitHubToken = "ghp_" + new string('a', 36);

    [Fact]
    public async Task Run_CleanRepository_PassesCountingFiles()
    {
        await using var repo = await TempGitRepository.CreateAsync();
        await repo.WriteAsync("src/app.cs", "class App {}\n");
        await repo.WriteAsync(".env.example", "TOKEN=\n");
        await repo.CommitAllAsync();

        var result = await NoCommittedSecretsCheck.RunAsync(repo.Directory);

        result.Passed.ShouldBeTrue(result.Summary);
        result.Evidence["filesScanned"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task Run_SecretFilesAndContents_FailsListingFilesButNeverTheSecrets()
    {
        await using var repo = await TempGitRepository.CreateAsync();
        await repo.WriteAsync(".env", "DB_PASSWORD=hunter2\n");
        await repo.WriteAsync("certs/server.pem", "x");
        await repo.WriteAsync("keys/id_rsa", "x");
        await repo.WriteAsync("docs/notes.md", PrivateKey);
        await repo.WriteAsync("config.json", $"{{\"aws\":\"{AwsKey}\"}}");
        await repo.WriteAsync("ci/token.txt", $"token {GitHubToken}\n");
        await repo.WriteAsync("untracked.pem", "not tracked, not reported");
        await repo.GitAsync("add", ".env", "certs", "keys", "docs", "config.json", "ci");
        await repo.GitAsync("commit", "-q", "-m", "oops");

        var result = await NoCommittedSecretsCheck.RunAsync(repo.Directory);

        result.Passed.ShouldBeFalse();
        var findings = result.Evidence["offending"]!.AsArray().ToDictionary(n => n!["file"]!.GetValue<string>(), n => n!["finding"]!.GetValue<string>());
        findings.ShouldBe(new Dictionary<string, string>
        {
            [".env"] = "environment file (.env)",
            ["certs/server.pem"] = "key or certificate file",
            ["keys/id_rsa"] = "SSH private key file",
            ["docs/notes.md"] = "private key block",
            ["config.json"] = "AWS access key id",
            ["ci/token.txt"] = "GitHub token",
        }, ignoreOrder: true);
        var evidence = result.Evidence.ToJsonString() + result.Summary;
        evidence.ShouldNotContain(AwsKey);
        evidence.ShouldNotContain(GitHubToken);
        evidence.ShouldNotContain("hunter2");
        evidence.ShouldNotContain("MIIEowIBAAKCAQEA");
    }
}
