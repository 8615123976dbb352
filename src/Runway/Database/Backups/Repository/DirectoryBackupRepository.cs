using Runway.Files;

namespace Runway.Database.Backups.Repository;

/// <summary>A backup repository in a directory, typically a mount every runner shares.</summary>
public sealed class DirectoryBackupRepository(string directory) : IBackupRepository
{
    /// <inheritdoc />
    public async Task<string> UploadAsync(string file, CancellationToken cancellationToken)
    {
        var location = Path.GetFullPath(Path.Combine(directory, Path.GetFileName(file)));
        await CopyAsync(file, location, cancellationToken).ConfigureAwait(false);
        return location;
    }

    /// <inheritdoc />
    public Task DownloadAsync(string location, string destination, CancellationToken cancellationToken) =>
        CopyAsync(location, destination, cancellationToken);

    /// <inheritdoc />
    public Task DeleteAsync(string location, CancellationToken cancellationToken)
    {
        // An s3:// location was recorded by another repository; a folder that is gone holds nothing to delete.
        if (location.Contains("://", StringComparison.Ordinal)) return Task.CompletedTask;
        try
        {
            File.Delete(location);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone with its folder: what retention wanted.
        }
        return Task.CompletedTask;
    }

    private static async Task CopyAsync(string from, string to, CancellationToken cancellationToken)
    {
        var temporary = AtomicFile.TemporaryFor(to);
        try
        {
            await using (var source = new FileStream(from, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.Asynchronous | FileOptions.SequentialScan))
            await using (var target = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.Asynchronous))
                await source.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
            AtomicFile.Commit(temporary, to);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
