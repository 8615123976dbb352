using Runway.Database.Backups.Repository;
using Shouldly;
using Xunit;

namespace Runway.Tests.Database.Backups;

/// <summary>
/// Retention asks the repository to delete each expired backup at the location the ledger recorded; a location that
/// is no longer there (its folder removed, a repository since changed) is not an error, as the interface says: it had
/// failed a later deployment's Preparation with "Could not find a part of the path".
/// </summary>
public sealed class RepositoryDeleteTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("runway-repository-delete-").FullName;

    [Fact]
    public async Task Directory_ABackupWhoseFolderIsGone_IsNotAnError()
    {
        var repository = new DirectoryBackupRepository(_directory);

        await Should.NotThrowAsync(() => repository.DeleteAsync(Path.Combine(_directory, "moved-away", "sample_20260101T000000000Z.dump"), CancellationToken.None));
    }

    [Fact]
    public async Task Directory_AnS3Location_IsNotThisRepositorysToDelete()
    {
        // A folder literally named "s3:" beside the run must not be where an s3:// location is looked for.
        var lookalike = Path.Combine(Environment.CurrentDirectory, "s3:", "bucket");
        var repository = new DirectoryBackupRepository(_directory);

        await Should.NotThrowAsync(() => repository.DeleteAsync("s3://bucket/sample_20260101T000000000Z.dump", CancellationToken.None));
        Directory.Exists(lookalike).ShouldBeFalse();
    }

    [Fact]
    public async Task S3_AFolderLocation_IsNotThisRepositorysToDelete_AndNothingIsAsked()
    {
        // The endpoint answers nothing: a request made would fail the test.
        using var repository = new S3BackupRepository(new Uri("s3://bucket/prefix"), new Uri("http://127.0.0.1:1"), "key", "secret");

        await Should.NotThrowAsync(() => repository.DeleteAsync(Path.Combine(_directory, "sample_20260101T000000000Z.dump"), CancellationToken.None));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
