using System.Security.Cryptography;

namespace Runway.Database.Backups;

/// <summary>SHA-256 of a file, read from disk in full.</summary>
public static class FileChecksum
{
    /// <summary>Lower-case hex SHA-256 of <paramref name="path"/>.</summary>
    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }
}
