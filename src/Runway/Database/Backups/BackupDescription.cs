using System.Text.RegularExpressions;
using Runway.Processes;

namespace Runway.Database.Backups;

/// <summary>Builds a <see cref="BackupRecord"/> for an archive found on disk, when the record taken with it is not at hand.</summary>
public static partial class BackupDescription
{
    /// <summary>
    /// Describes <paramref name="file"/> from the archive itself: size, SHA-256 as it is now, and the server version
    /// from its header. The record is not verified, and its duration is unknown (zero).
    /// </summary>
    public static async Task<BackupRecord> DescribeAsync(BackupFile file, CancellationToken cancellationToken = default)
    {
        var list = await ProcessRunner.RunAsync(new ProcessSpec("pg_restore", ["--list", file.Path]), cancellationToken).ConfigureAwait(false);
        if (!list.Succeeded)
            throw new BackupFailedException($"Backup {file.Path} is not a readable pg_dump archive (pg_restore exit code {list.ExitCode}): {list.StandardError.Trim()}");
        var version = ServerVersion().Match(list.StandardOutput);
        return new BackupRecord(file.Path, new FileInfo(file.Path).Length, await FileChecksum.Sha256Async(file.Path, cancellationToken).ConfigureAwait(false),
            TimeSpan.Zero, file.Database, version.Success ? version.Groups[1].Value.Trim() : "unknown", file.CreatedAt, Verified: false);
    }

    [GeneratedRegex(@"Dumped from database version: (.+)")]
    private static partial Regex ServerVersion();
}
