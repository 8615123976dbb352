using Runway.Database.Backups.Repository;
using Runway.Phases;
using Shouldly;
using Xunit;

namespace Runway.Tests.Phases;

/// <summary>
/// A <c>--backup-repository</c> that is neither a folder nor an S3 URL (a typo'd scheme, another protocol) is refused
/// before anything starts, naming the value, its source and the two forms; it used to be taken as a folder named
/// <c>s3:/bucket</c> inside the repository, so backups landed in the working tree and no runner could reach them.
/// </summary>
public sealed class BackupRepositoryValidationTests
{
    private static readonly PipelineSettings Valid = new() { RootDirectory = "/repo", TemporaryDirectory = "/repo/.nuke/temp", Environment = "local", Release = "1.0.0", StartedBy = "test" };

    [Theory]
    [InlineData("s3:/backups/runway")]
    [InlineData("S3:backups")]
    [InlineData("ftp://files.example.com/backups")]
    [InlineData("https://backups.example.com/runway")]
    [InlineData("s3://")]
    public void Problems_ARepositoryThatIsNeitherAFolderNorAnS3Url_NamesTheValueItsSourceAndTheForms(string target)
    {
        var problems = SettingsValidation.Problems(Valid with { BackupRepository = new(target) }, Origin);

        problems.ShouldBe([$"--backup-repository is {target} (from BackupRepository from the test); it must be a folder (a shared mount) or s3://bucket/prefix."]);
    }

    [Theory]
    [InlineData("/mnt/backups")]
    [InlineData("backups/runway")]
    [InlineData("s3://runway-backups/production")]
    public void Problems_AFolderOrAnS3Url_None(string target) =>
        SettingsValidation.Problems(Valid with { BackupRepository = new(target) }, Origin).ShouldBeEmpty();

    [Fact]
    public void Problems_AnEndpointThatIsNotAnHttpUrl_IsDescribedNotShown()
    {
        var problems = SettingsValidation.Problems(Valid with { BackupRepository = new("s3://b/p", Endpoint: "minio:9000") }, Origin);

        problems.ShouldBe(["--backup-repository-endpoint (from BackupRepositoryEndpoint from the test) is not an http(s) URL (its value is secret and not shown); it must look like http://127.0.0.1:9000."]);
    }

    [Fact]
    public void Problems_OnlyOneOfTheKeys_NamesBoth()
    {
        var problems = SettingsValidation.Problems(Valid with { BackupRepository = new("s3://b/p", AccessKey: "key") }, Origin);

        problems.ShouldBe(["--backup-repository-access-key is set (from BackupRepositoryAccessKey from the test) but --backup-repository-secret-key is not; set both, or neither for the S3 SDK's default credentials."]);
    }

    [Fact]
    public void Create_ATyposedScheme_IsRefusedNotMadeAFolder() =>
        Should.Throw<ArgumentException>(() => new BackupRepositoryOptions("s3:/backups").Create());

    // Backups in the working tree block the next deployment's git-clean, whose fix ("commit them") would put database
    // dumps in git.
    [Theory]
    [InlineData("shared-backups")]
    [InlineData("deploy/backups")]
    public void Problems_AFolderInsideTheRepository_IsRefusedNamingTheFix(string target)
    {
        var here = Valid with { RootDirectory = Environment.CurrentDirectory, TemporaryDirectory = Path.Combine(Environment.CurrentDirectory, ".nuke", "temp") };

        var problems = SettingsValidation.Problems(here with { BackupRepository = new(target) }, Origin);
        var absolute = SettingsValidation.Problems(here with { BackupRepository = new(Path.Combine(here.RootDirectory, target)) }, Origin);

        problems.ShouldBe([$"--backup-repository is {target} (from BackupRepository from the test), a folder inside the repository: its backups would block the next " +
                           "deployment's git-clean, or be committed. Use a folder outside it (a shared mount) or s3://bucket/prefix."]);
        absolute.Count.ShouldBe(1);
    }

    private static string Origin(string member) => $"{member} from the test";
}
