using Runway.Database.Backups;
using Runway.Database.Backups.Repository;
using Runway.Testing;
using Shouldly;
using Xunit;

namespace Runway.Tests.Database.Backups;

/// <summary>A verified backup goes to the repository and comes back on another runner, checked against its record.</summary>
[Collection("postgres")]
public sealed class BackupRepositoryTests(PostgresServer server)
{
    [Fact]
    public async Task S3_UploadThenDownloadOnAnotherRunner_VerifiesAgainstTheRecord_AndACorruptedObjectFails()
    {
        await using var s3 = await S3rverServer.StartAsync();
        using var repository = (S3BackupRepository)new BackupRepositoryOptions($"s3://{S3rverServer.Bucket}/production", s3.Endpoint.ToString(),
            S3rverServer.AccessKey, S3rverServer.SecretKey).Create();
        await RoundTripAsync(repository, location => location.ShouldBe($"s3://{S3rverServer.Bucket}/production/{location.Split('/')[^1]}"));
    }

    [Fact]
    public async Task S3_AnArchiveOfSeveralParts_ComesBackByteForByte()
    {
        // 40 MB and 7 bytes: three 16 MB parts up and three ranges down, the last one short.
        await using var s3 = await S3rverServer.StartAsync();
        using var repository = (S3BackupRepository)new BackupRepositoryOptions($"s3://{S3rverServer.Bucket}/parts", s3.Endpoint.ToString(),
            S3rverServer.AccessKey, S3rverServer.SecretKey).Create();
        var folder = Directory.CreateTempSubdirectory("runway-parts-").FullName;
        try
        {
            var original = Path.Combine(folder, "archive.dump");
            var bytes = new byte[(40 << 20) + 7];
            new Random(42).NextBytes(bytes);
            await File.WriteAllBytesAsync(original, bytes);

            var location = await repository.UploadAsync(original, CancellationToken.None);
            var copy = Path.Combine(folder, "copy.dump");
            await repository.DownloadAsync(location, copy, CancellationToken.None);

            (await File.ReadAllBytesAsync(copy)).SequenceEqual(bytes).ShouldBeTrue("the downloaded archive equals the uploaded one");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Directory_UploadThenDownloadOnAnotherRunner_VerifiesAgainstTheRecord_AndACorruptedCopyFails()
    {
        var shared = Path.Combine(Path.GetTempPath(), "runway-repository-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await RoundTripAsync(new BackupRepositoryOptions(shared).Create(), location => location.ShouldStartWith(shared));
        }
        finally
        {
            if (Directory.Exists(shared)) Directory.Delete(shared, recursive: true);
        }
    }

    private async Task RoundTripAsync(IBackupRepository repository, Action<string> checkLocation)
    {
        using var runner = new BackupFixture();
        using var freshRunner = new BackupFixture();
        var backup = await runner.Store.BackupAsync(await BackupFixture.SourceAsync(server, rows: 500));

        var location = await repository.UploadAsync(backup.File, CancellationToken.None);
        checkLocation(location);
        var copy = backup with { File = Path.Combine(freshRunner.Directory, Path.GetFileName(backup.File)) };
        await repository.DownloadAsync(location, copy.File, CancellationToken.None);
        (await BackupVerifier.VerifyAsync(copy)).Succeeded.ShouldBeTrue();

        // The repository's copy changed by one byte: the download no longer matches the record.
        var bytes = await File.ReadAllBytesAsync(backup.File);
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(backup.File, bytes);
        await repository.UploadAsync(backup.File, CancellationToken.None);
        await repository.DownloadAsync(location, copy.File, CancellationToken.None);
        (await BackupVerifier.VerifyAsync(copy)).Problem.ShouldNotBeNull().ShouldContain("is corrupt");

        await repository.DeleteAsync(location, CancellationToken.None);
        await Should.ThrowAsync<Exception>(() => repository.DownloadAsync(location, copy.File + ".again", CancellationToken.None));
    }
}
