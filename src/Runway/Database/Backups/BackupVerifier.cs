using Runway.Processes;

namespace Runway.Database.Backups;

/// <summary>The outcome of verifying an archive.</summary>
/// <param name="Problem">What is wrong and what to do; null when the archive is sound.</param>
public sealed record BackupVerification(string? Problem)
{
    /// <summary>True when the checksum matched and the whole archive could be read.</summary>
    public bool Succeeded => Problem is null;
}

/// <summary>
/// Proves that an archive can be restored: its SHA-256 re-read from disk matches the record, and
/// <c>pg_restore -f /dev/null</c> reads every entry including all table data. (<c>pg_restore --list</c> reads only
/// the table of contents and misses corrupted data; compressed data blocks carry zlib's check, so a full read
/// detects damage inside them.)
/// </summary>
public static class BackupVerifier
{
    /// <summary>Verifies <paramref name="backup"/>; a failed check is returned, not thrown.</summary>
    public static async Task<BackupVerification> VerifyAsync(BackupRecord backup, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(backup.File))
            return new($"Backup {backup.File} does not exist: it was moved or deleted; take a new backup.");
        var checksum = await FileChecksum.Sha256Async(backup.File, cancellationToken).ConfigureAwait(false);
        if (checksum != backup.Sha256)
            return new($"Backup {backup.File} is corrupt: its SHA-256 is {checksum} but {backup.Sha256} was recorded when it was taken. Do not restore it; take a new backup.");
        var read = await ProcessRunner.RunAsync(new ProcessSpec("pg_restore", ["--file=/dev/null", backup.File]), cancellationToken).ConfigureAwait(false);
        return read.Succeeded
            ? new BackupVerification(null)
            : new($"Backup {backup.File} cannot be read in full (pg_restore exit code {read.ExitCode}): {read.StandardError.Trim()} Do not restore it; take a new backup.");
    }
}
