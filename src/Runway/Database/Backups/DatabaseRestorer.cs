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
/// Puts a backup back into a live database for a rollback, after a safety dump of what is there now.
/// </summary>
/// <remarks>
/// The archive is restored into a staging database and swapped in by renaming, rather than with
/// <c>pg_restore --clean --if-exists</c> into the live database: <c>--clean</c> only drops the objects the archive
/// holds, so tables a later migration added would survive the rollback and break re-running that migration, and a
/// restore failing half-way would leave the live database half old, half new. With the swap, the live database is
/// untouched until the copy has restored completely and its row counts check out; then connections are refused and
/// terminated, the two databases are renamed, and the replaced one is dropped (the safety dump keeps its content).
/// Database-level settings and grants are not in a <c>pg_dump</c> archive; the staging database gets the same owner.
/// The connecting role must be allowed to create databases and to terminate the sessions of the live one.
/// Clients see their sessions ended once, at the swap; connection pools reconnect to the restored database.
/// </remarks>
public sealed class DatabaseRestorer(BackupStore store, BackupOptions options, ILogger logger, TimeProvider timeProvider)
{
    /// <summary>Restores <paramref name="backup"/> into the database of <paramref name="connectionString"/>; throws <see cref="BackupFailedException"/> when it cannot, leaving the database as it was.</summary>
    public async Task<RestoreResult> RestoreAsync(string connectionString, BackupRecord backup, CancellationToken cancellationToken = default)
    {
        var target = new PostgresTarget(connectionString);
        var live = ServerDatabases.CheckedName(target.Database);
        var verification = await BackupVerifier.VerifyAsync(backup, cancellationToken).ConfigureAwait(false);
        if (!verification.Succeeded) throw new BackupFailedException(verification.Problem!);
        var safety = await store.SafetyDumpAsync(connectionString, cancellationToken).ConfigureAwait(false);
        var stamp = $"{timeProvider.GetUtcNow():yyyyMMddHHmmss}";
        var staging = Name(live, "restoring", stamp);
        var server = new ServerDatabases(target);
        var (duration, counts) = await RestoreIntoStagingAsync(server, target, staging, live, backup, cancellationToken).ConfigureAwait(false);
        await SwapAsync(server, live, staging, Name(live, "replaced", stamp), cancellationToken).ConfigureAwait(false);
        var after = await TableRowCounts.CountAsync(target.ConnectionString, cancellationToken).ConfigureAwait(false);
        var differences = TableRowCounts.Differences(counts, after);
        if (differences.Count > 0)
            throw new BackupFailedException($"After restoring {backup.File} into {live} the row counts differ from the restored copy: {string.Join("; ", differences)}. The safety dump {safety.File} holds the previous content.");
        logger.Information("Restored {File} into {Database} in {Duration}; safety dump {SafetyDump}", backup.File, live, duration, safety.File);
        return new RestoreResult(backup, safety, duration, after);
    }

    private async Task<(TimeSpan Duration, IReadOnlyDictionary<string, long> Counts)> RestoreIntoStagingAsync(
        ServerDatabases server, PostgresTarget target, string staging, string live, BackupRecord backup, CancellationToken cancellationToken)
    {
        await server.CreateAsync(staging, await server.OwnerAsync(live, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        try
        {
            var restore = await ProcessRunner.RunAsync(target.For(staging).Command(
                "pg_restore", "--exit-on-error", $"--jobs={options.RestoreJobs}", $"--dbname={staging}", backup.File), cancellationToken).ConfigureAwait(false);
            if (!restore.Succeeded)
                throw new BackupFailedException($"pg_restore of {backup.File} failed (exit code {restore.ExitCode}): {restore.StandardError.Trim()} The database {live} was not changed.");
            return (restore.Duration, await TableRowCounts.CountAsync(target.For(staging).ConnectionString, cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            await server.DropAsync(staging, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private static async Task SwapAsync(ServerDatabases server, string live, string staging, string replaced, CancellationToken cancellationToken)
    {
        // Refuse new sessions first, so that none slips in between terminating the old ones and the rename.
        await server.AllowConnectionsAsync(live, false, cancellationToken).ConfigureAwait(false);
        try
        {
            await server.TerminateConnectionsAsync(live, cancellationToken).ConfigureAwait(false);
            await server.RenameAsync(live, replaced, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await server.AllowConnectionsAsync(live, true, CancellationToken.None).ConfigureAwait(false);
            await server.DropAsync(staging, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        try
        {
            await server.TerminateConnectionsAsync(staging, cancellationToken).ConfigureAwait(false);
            await server.RenameAsync(staging, live, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Put the old database back rather than leave the name empty.
            await server.RenameAsync(replaced, live, CancellationToken.None).ConfigureAwait(false);
            await server.AllowConnectionsAsync(live, true, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        await server.DropAsync(replaced, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>A database name of at most 63 characters: the live name shortened, a role, and a timestamp.</summary>
    private static string Name(string live, string role, string stamp) => $"{live[..Math.Min(live.Length, 34)]}_{role}_{stamp}";
}
