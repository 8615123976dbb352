using Runway.Database.Backups;
using Runway.Testing;
using Shouldly;
using Xunit;

namespace Runway.Tests.Database.Backups;

[Collection("postgres")]
public sealed class BackupStoreTests(PostgresServer server)
{
    [Fact]
    public async Task BackupAsync_RecordsTheChecksumAndVerifiesTheArchive()
    {
        using var fixture = new BackupFixture();
        var source = await BackupFixture.SourceAsync(server);

        var record = await fixture.Store.BackupAsync(source);

        record.Verified.ShouldBeTrue();
        record.Sha256.ShouldBe(await FileChecksum.Sha256Async(record.File));
        record.SizeBytes.ShouldBe(new FileInfo(record.File).Length);
        record.ServerVersion.ShouldStartWith("15");
        Path.GetFileName(record.File).ShouldStartWith(record.Database + "_");
        BackupFileName.Parse(record.File)!.IsSafetyDump.ShouldBeFalse();
        (await BackupVerifier.VerifyAsync(record)).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task VerifyAsync_ChecksumMismatch_IsDetected()
    {
        using var fixture = new BackupFixture();
        var record = await fixture.Store.BackupAsync(await BackupFixture.SourceAsync(server));
        await File.AppendAllTextAsync(record.File, "x");

        var verification = await BackupVerifier.VerifyAsync(record);

        verification.Succeeded.ShouldBeFalse();
        verification.Problem.ShouldNotBeNull().ShouldContain("SHA-256");
        verification.Problem!.ShouldContain(record.Sha256);
    }

    [Fact]
    public async Task VerifyAsync_CorruptedBytesInTheMiddle_AreRejectedByTheChecksum()
    {
        using var fixture = new BackupFixture();
        var record = await fixture.Store.BackupAsync(await BackupFixture.SourceAsync(server, rows: 200_000));
        await CorruptMiddleAsync(record.File);

        var verification = await BackupVerifier.VerifyAsync(record);

        verification.Succeeded.ShouldBeFalse();
        verification.Problem.ShouldNotBeNull().ShouldContain($"Backup {record.File} is corrupt");
        verification.Problem!.ShouldContain("take a new backup");
    }

    [Fact]
    public async Task VerifyAsync_CompressedArchiveDamagedBeforeItsChecksum_FailsTheFullRead()
    {
        using var fixture = new BackupFixture();
        var store = new BackupStore(fixture.Options with { CompressionLevel = 1 }, Serilog.Core.Logger.None, TimeProvider.System);
        var record = await store.BackupAsync(await BackupFixture.SourceAsync(server, rows: 200_000));
        await CorruptMiddleAsync(record.File);
        // The checksum is taken after the damage: only reading the whole archive can tell.
        var damaged = record with { Sha256 = await FileChecksum.Sha256Async(record.File) };

        var verification = await BackupVerifier.VerifyAsync(damaged);

        verification.Succeeded.ShouldBeFalse();
        verification.Problem.ShouldNotBeNull().ShouldContain("cannot be read in full");
        verification.Problem!.ShouldContain(record.File);
    }

    [Fact]
    public async Task VerifyAsync_TruncatedArchiveWithMatchingChecksum_FailsTheFullRead()
    {
        using var fixture = new BackupFixture();
        var record = await fixture.Store.BackupAsync(await BackupFixture.SourceAsync(server, rows: 50_000));
        await using (var stream = new FileStream(record.File, FileMode.Open, FileAccess.ReadWrite)) stream.SetLength(stream.Length / 2);
        var truncated = record with { Sha256 = await FileChecksum.Sha256Async(record.File) };

        var verification = await BackupVerifier.VerifyAsync(truncated);

        verification.Succeeded.ShouldBeFalse();
        verification.Problem.ShouldNotBeNull().ShouldContain("cannot be read in full");
    }

    [Fact]
    public async Task BackupAsync_PasswordInTheConnectionString_NeverReachesTheCommandLine()
    {
        var spec = new PostgresTargetProbe("Host=127.0.0.1;Port=5999;Username=app;Password=s3cret-value;Database=shop").Spec;

        spec.ToString().ShouldNotContain("s3cret-value");
        spec.Environment["PGPASSWORD"].ShouldBe("s3cret-value");
        spec.Arguments.ShouldContain("--port=5999");
        spec.Arguments.ShouldContain("--no-password");
    }

    private static async Task CorruptMiddleAsync(string file)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = stream.Length / 2;
        var garbage = new byte[256];
        new Random(42).NextBytes(garbage);
        await stream.WriteAsync(garbage);
    }

    private sealed class PostgresTargetProbe(string connectionString)
    {
        public Runway.Processes.ProcessSpec Spec { get; } = new PostgresTarget(connectionString).Command("pg_dump", "shop");
    }
}
