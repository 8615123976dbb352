using Runway.Processes;
using Serilog;

namespace Runway.Database.Backups;

/// <summary>What a restore drill measured.</summary>
/// <param name="Backup">The archive restored.</param>
/// <param name="ScratchDatabase">The throwaway database it was restored into (dropped afterwards).</param>
/// <param name="RestoreDuration">How long <c>pg_restore</c> took.</param>
/// <param name="SourceCounts">Rows per table the archive must hold: those recorded with it (the live database's for a backup recorded without them).</param>
/// <param name="RestoredCounts">Rows per table in the restored copy.</param>
/// <param name="Problems">Count differences or the restore's error; empty when the drill passed.</param>
public sealed record RestoreDrillResult(
    BackupRecord Backup, string ScratchDatabase, TimeSpan RestoreDuration,
    IReadOnlyDictionary<string, long> SourceCounts, IReadOnlyDictionary<string, long> RestoredCounts, IReadOnlyList<string> Problems)
{
    /// <summary>True when the archive restored and every table has the source's row count.</summary>
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// Proves a backup restores: restores it into a scratch database, compares exact row counts per table with the rows
/// recorded with the backup (counted in the dump's own snapshot), and drops the scratch database whatever happened.
/// </summary>
public sealed class RestoreDrill(BackupOptions options, ILogger logger, TimeProvider timeProvider)
{
    /// <summary>
    /// Drills the newest regular backup of the source database found in the backup folder, described from the file
    /// itself: it proves the archive restores, not that it is the one recorded. Prefer <see cref="RunAsync"/> with the
    /// ledger's record, which also catches a changed byte.
    /// </summary>
    public async Task<RestoreDrillResult> RunLatestAsync(string sourceConnectionString, CancellationToken cancellationToken = default)
    {
        var database = new PostgresTarget(sourceConnectionString).Database;
        var latest = BackupFileName.List(options.Directory).FirstOrDefault(f => f.Database == database && !f.IsSafetyDump)
            ?? throw new BackupFailedException($"No backup of database {database} in {options.Directory}: take one first.");
        var record = await BackupDescription.DescribeAsync(latest, cancellationToken).ConfigureAwait(false);
        return await RunAsync(sourceConnectionString, record, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drills <paramref name="backup"/> against the database of <paramref name="sourceConnectionString"/>.</summary>
    public async Task<RestoreDrillResult> RunAsync(string sourceConnectionString, BackupRecord backup, CancellationToken cancellationToken = default)
    {
        var source = new PostgresTarget(sourceConnectionString);
        if (await IntegrityProblemAsync(backup, cancellationToken).ConfigureAwait(false) is { } problem)
            return new(backup, "", TimeSpan.Zero, new Dictionary<string, long>(), new Dictionary<string, long>(), [problem]);
        var scratch = $"runway_drill_{timeProvider.GetUtcNow():yyyyMMddHHmmss}_{Guid.NewGuid().ToString("N")[..6]}";
        var server = new ServerDatabases(source);
        // The live database keeps changing after the backup; only a backup recorded without its rows is compared with it.
        var sourceCounts = backup.Counters?.Rows ?? await TableRowCounts.CountAsync(source.ConnectionString, cancellationToken).ConfigureAwait(false);
        try
        {
            await server.CreateAsync(scratch, owner: null, cancellationToken).ConfigureAwait(false);
            var restore = await RestoreAsync(source.For(scratch), backup, cancellationToken).ConfigureAwait(false);
            if (!restore.Succeeded)
                return new(backup, scratch, restore.Duration, sourceCounts, new Dictionary<string, long>(), [$"pg_restore of {backup.File} into {scratch} failed (exit code {restore.ExitCode}): {restore.StandardError.Trim()}"]);
            var restored = await TableRowCounts.CountAsync(source.For(scratch).ConnectionString, cancellationToken).ConfigureAwait(false);
            logger.Information("Restore drill of {File}: restored in {Duration} into {Scratch}", backup.File, restore.Duration, scratch);
            return new(backup, scratch, restore.Duration, sourceCounts, restored, TableRowCounts.Differences(sourceCounts, restored));
        }
        finally
        {
            await server.DropAsync(scratch, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>The archive against its record (the ledger's, when the caller read it from there): present, same size, same SHA-256.</summary>
    private static async Task<string?> IntegrityProblemAsync(BackupRecord backup, CancellationToken cancellationToken)
    {
        if (!File.Exists(backup.File)) return $"Backup {backup.File} does not exist: it was moved or deleted. Take a new backup.";
        var size = new FileInfo(backup.File).Length;
        if (size != backup.SizeBytes)
            return $"Backup {backup.File} is corrupt: it has {size} bytes but {backup.SizeBytes} were recorded. Take a new backup.";
        var checksum = await FileChecksum.Sha256Async(backup.File, cancellationToken).ConfigureAwait(false);
        return checksum == backup.Sha256 ? null
            : $"Backup {backup.File} is corrupt: its SHA-256 is {checksum} but {backup.Sha256} was recorded. Take a new backup.";
    }

    private Task<ProcessResult> RestoreAsync(PostgresTarget scratch, BackupRecord backup, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync(scratch.Command("pg_restore", "--no-owner", "--exit-on-error", $"--jobs={options.RestoreJobs}", $"--dbname={scratch.Database}", backup.File), cancellationToken);
}
