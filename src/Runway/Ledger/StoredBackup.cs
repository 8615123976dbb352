using Runway.Database.Backups;

namespace Runway.Ledger;

/// <summary>A backup as the ledger keeps it.</summary>
/// <param name="Id">The ledger's id for it.</param>
/// <param name="DeploymentId">The deployment that took it, if any.</param>
/// <param name="Backup">The archive as taken and verified.</param>
/// <param name="DeletedAt">When retention deleted the archive; null while it exists.</param>
public sealed record StoredBackup(long Id, long? DeploymentId, BackupRecord Backup, DateTimeOffset? DeletedAt)
{
    /// <summary>True once retention deleted the archive.</summary>
    public bool DeletedByRetention => DeletedAt is not null;
}
