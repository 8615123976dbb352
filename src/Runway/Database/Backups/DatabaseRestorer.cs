using Runway.Processes;
using Serilog;

namespace Runway.Database.Backups;

/// <summary>What a rollback restore did.</summary>
/// <param name="Restored">The archive now in the database.</param>
/// <param name="SafetyDump">The verified dump of what the database held before; kept, never deleted by retention.</param>
/// <param name="RestoreDuration">How long <c>pg_restore</c> took.</param>
/// <param name="RowCounts">Rows per table in the database after the restore.</param>
public sealed record RestoreResult(BackupRecord Restored, BackupRecord SafetyDump, TimeSpan RestoreDuration, IReadOnlyDictionary<string, long> RowCounts);

/// <summary>
/// Puts a backup back into a live database for a rollback, keeping a safety dump of the data that was live.
/// </summary>
/// <remarks>
/// The archive is restored into a staging database and swapped in by renaming, rather than with
/// <c>pg_restore --clean --if-exists</c> into the live database: <c>--clean</c> only drops the objects the archive
/// holds, so tables a later migration added would survive the rollback, and a restore failing half-way would leave
/// the live database half old, half new. The swap, stage by stage, each recorded in the <see cref="Journal"/>:
/// the staging copy restores completely while the live database serves; then the live database refuses new
/// sessions, its sessions end, and it is renamed to the replaced name (clients now wait: the live name is free);
/// <see cref="BeforeSwap"/> gets a last look at it; the safety dump is taken of it — the data that was live, with no
/// session left to change it; the staging copy takes the live name; the replaced one is dropped. A failure before
/// the swap puts the old database back; a kill at any point is repaired by <see cref="RestoreRecovery"/> on the
/// next run, from the journal. Database-level settings and grants are not in a <c>pg_dump</c> archive; the staging
/// database gets the same owner. The connecting role must be allowed to create databases and end sessions.
/// </remarks>
public sealed class DatabaseRestorer(BackupStore store, BackupOptions options, ILogger logger, TimeProvider timeProvider)
{
    /// <summary>Where each stage is recorded (the ledger, in a deployment).</summary>
    public RestoreJournal Journal { get; init; } = RestoreJournal.None;

    /// <summary>
    /// Called with the connection string of the replaced (formerly live) database once no session can write to it,
    /// right before the safety dump; throwing calls the restore off and puts the database back. A rollback checks here
    /// that nothing was written since its forecast of lost writes.
    /// </summary>
    public Func<string, CancellationToken, Task>? BeforeSwap { get; init; }

    /// <summary>Restores <paramref name="backup"/> into the database of <paramref name="connectionString"/>; throws <see cref="BackupFailedException"/> when it cannot, leaving the database as it was.</summary>
    /// <remarks>The caller passes <paramref name="swap"/> when it journals the names before the restore starts.</remarks>
    public async Task<RestoreResult> RestoreAsync(string connectionString, BackupRecord backup, CancellationToken cancellationToken = default, DatabaseSwap? swap = null)
    {
        var target = new PostgresTarget(connectionString);
        swap ??= SwapFor(connectionString);
        var verification = await BackupVerifier.VerifyAsync(backup, cancellationToken).ConfigureAwait(false);
        if (!verification.Succeeded) throw new BackupFailedException(verification.Problem!);
        var server = new ServerDatabases(target);
        await Journal.Record(RestoreStage.Restoring, null, cancellationToken).ConfigureAwait(false);
        var (duration, counts) = await RestoreIntoStagingAsync(server, target, swap, backup, cancellationToken).ConfigureAwait(false);
        RestoreFaults.At("staging-restored");
        var safety = await SwapAsync(server, target, swap, cancellationToken).ConfigureAwait(false);
        await server.DropAsync(swap.Replaced, CancellationToken.None).ConfigureAwait(false);
        await Journal.Record(RestoreStage.Done, safety, CancellationToken.None).ConfigureAwait(false);
        var after = await TableRowCounts.CountAsync(target.ConnectionString, cancellationToken).ConfigureAwait(false);
        var differences = TableRowCounts.Differences(counts, after);
        if (differences.Count > 0)
            throw new BackupFailedException($"After restoring {backup.File} into {swap.Live} the row counts differ from the restored copy: {string.Join("; ", differences)}. The safety dump {safety.File} holds the previous content.");
        logger.Information("Restored {File} into {Database} in {Duration}; safety dump {SafetyDump}", backup.File, swap.Live, duration, safety.File);
        return new RestoreResult(backup, safety, duration, after);
    }

    /// <summary>The names a restore into <paramref name="connectionString"/>'s database started now would use.</summary>
    public DatabaseSwap SwapFor(string connectionString) =>
        DatabaseSwap.For(ServerDatabases.CheckedName(new PostgresTarget(connectionString).Database), $"{timeProvider.GetUtcNow():yyyyMMddHHmmss}");

    private async Task<(TimeSpan Duration, IReadOnlyDictionary<string, long> Counts)> RestoreIntoStagingAsync(
        ServerDatabases server, PostgresTarget target, DatabaseSwap swap, BackupRecord backup, CancellationToken cancellationToken)
    {
        await server.CreateAsync(swap.Staging, await server.OwnerAsync(swap.Live, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        try
        {
            var restore = await ProcessRunner.RunAsync(target.For(swap.Staging).Command(
                "pg_restore", "--exit-on-error", $"--jobs={options.RestoreJobs}", $"--dbname={swap.Staging}", backup.File), cancellationToken).ConfigureAwait(false);
            if (!restore.Succeeded)
                throw new BackupFailedException($"pg_restore of {backup.File} failed (exit code {restore.ExitCode}): {restore.StandardError.Trim()} The database {swap.Live} was not changed.");
            return (restore.Duration, await TableRowCounts.CountAsync(target.For(swap.Staging).ConnectionString, cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            await server.DropAsync(swap.Staging, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<BackupRecord> SwapAsync(ServerDatabases server, PostgresTarget target, DatabaseSwap swap, CancellationToken cancellationToken)
    {
        await MoveLiveAsync(server, swap, cancellationToken).ConfigureAwait(false);
        BackupRecord safety;
        try
        {
            await Journal.Record(RestoreStage.LiveMoved, null, cancellationToken).ConfigureAwait(false);
            RestoreFaults.At("live-moved-recorded");
            if (BeforeSwap is not null) await BeforeSwap(target.For(swap.Replaced).ConnectionString, cancellationToken).ConfigureAwait(false);
            safety = await store.SafetyDumpAsync(target.For(swap.Replaced).ConnectionString, swap.Live, cancellationToken).ConfigureAwait(false);
            RestoreFaults.At("safety-dumped");
            await Journal.Record(RestoreStage.SafetyDumped, safety, cancellationToken).ConfigureAwait(false);
            RestoreFaults.At("safety-dumped-recorded");
            await server.TerminateConnectionsAsync(swap.Staging, cancellationToken).ConfigureAwait(false);
            await server.RenameAsync(swap.Staging, swap.Live, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await RestoreRecovery.RevertAsync(server, swap, logger).ConfigureAwait(false);
            await Journal.Record(RestoreStage.Reverted, null, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        RestoreFaults.At("swapped");
        await Journal.Record(RestoreStage.Swapped, safety, CancellationToken.None).ConfigureAwait(false);
        RestoreFaults.At("swapped-recorded");
        return safety;
    }

    // Refuse new sessions first, so that none slips in between ending the old ones and the rename; the replaced name
    // then accepts sessions again, for the last look and the safety dump (no client knows that name).
    private static async Task MoveLiveAsync(ServerDatabases server, DatabaseSwap swap, CancellationToken cancellationToken)
    {
        await server.AllowConnectionsAsync(swap.Live, false, cancellationToken).ConfigureAwait(false);
        try
        {
            await server.TerminateConnectionsAsync(swap.Live, cancellationToken).ConfigureAwait(false);
            await server.RenameAsync(swap.Live, swap.Replaced, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await server.AllowConnectionsAsync(swap.Live, true, CancellationToken.None).ConfigureAwait(false);
            await server.DropAsync(swap.Staging, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        RestoreFaults.At("live-moved");
        await server.AllowConnectionsAsync(swap.Replaced, true, cancellationToken).ConfigureAwait(false);
    }
}
