namespace Runway.Database.Backups.Repository;

/// <summary>
/// Where verified backups are kept so that any runner can reach them: a directory (a shared mount) or an
/// S3-compatible bucket. The ledger records each archive's location, size and SHA-256; a download is checked against
/// them before anything uses it.
/// </summary>
public interface IBackupRepository
{
    /// <summary>Copies <paramref name="file"/> into the repository; returns its location (recorded in the ledger).</summary>
    Task<string> UploadAsync(string file, CancellationToken cancellationToken);

    /// <summary>Copies the archive at <paramref name="location"/> to <paramref name="destination"/> (complete, or not at all).</summary>
    Task DownloadAsync(string location, string destination, CancellationToken cancellationToken);

    /// <summary>Deletes the archive at <paramref name="location"/> (retention); a missing one is not an error.</summary>
    Task DeleteAsync(string location, CancellationToken cancellationToken);
}
