using Serilog;

namespace Runway.Database.Backups;

/// <summary>Deletes old archives from the backup folder, keeping what a deployment may still need.</summary>
public sealed class BackupRetention(ILogger logger)
{
    /// <summary>
    /// Keeps the newest <paramref name="keep"/> regular archives per database and deletes older ones, except any in
    /// <paramref name="protectedFiles"/> (archives that unfinished deployments or the last successful one refer to)
    /// and safety dumps, which are never deleted. Returns the files deleted.
    /// </summary>
    public IReadOnlyList<string> Apply(string directory, int keep, IEnumerable<string> protectedFiles)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keep);
        var keepAlways = protectedFiles.Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        var deleted = new List<string>();
        foreach (var database in BackupFileName.List(directory).Where(f => !f.IsSafetyDump).GroupBy(f => f.Database, StringComparer.Ordinal))
        {
            foreach (var old in database.OrderByDescending(f => f.CreatedAt).Skip(keep).Where(f => !keepAlways.Contains(f.Path)))
            {
                File.Delete(old.Path);
                logger.Information("Deleted backup {File} (older than the newest {Keep})", old.Path, keep);
                deleted.Add(old.Path);
            }
        }
        return deleted;
    }
}
