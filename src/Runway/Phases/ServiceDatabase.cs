using Runway.Database.Backups;
using Runway.Database.Backups.Repository;
using Runway.Ledger;

namespace Runway.Phases;

/// <summary>The service's database as the database steps see it: where it is, its scripts, and where its backups go and are recorded.</summary>
/// <param name="ConnectionString">The environment's database.</param>
/// <param name="MigrationsDirectory">The migration scripts' folder, resolved.</param>
/// <param name="Store">Takes and verifies backups in this runner's backup folder.</param>
/// <param name="Options">The backup folder and tools.</param>
/// <param name="Repository">Where verified backups are uploaded so that any runner can restore them; null: the runner's disk only.</param>
/// <param name="Backups">The ledger's record of backups.</param>
/// <param name="Restores">The ledger's journal of restores.</param>
/// <param name="KeepBackups">How many regular backups per database retention keeps.</param>
public sealed record ServiceDatabase(
    string ConnectionString, string MigrationsDirectory, BackupStore Store, BackupOptions Options, IBackupRepository? Repository,
    BackupLedger Backups, RestoreLedger Restores, int KeepBackups);
