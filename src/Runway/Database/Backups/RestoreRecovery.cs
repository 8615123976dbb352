using Serilog;

namespace Runway.Database.Backups;

/// <summary>
/// Repairs a restore that was killed part-way, from the names and the last stage its journal recorded and from what
/// the server holds: once the restored copy holds the live name the restore is completed (the replaced database
/// dropped; its safety dump was taken before the swap); before that it is reverted (the old database back under the
/// live name, accepting sessions, the staging copy dropped). It never creates a database.
/// </summary>
public static class RestoreRecovery
{
    /// <summary>Completes or reverts <paramref name="swap"/>; returns <see cref="RestoreStage.Done"/> or <see cref="RestoreStage.Reverted"/>.</summary>
    public static async Task<RestoreStage> RecoverAsync(string connectionString, DatabaseSwap swap, RestoreStage recorded, ILogger logger, CancellationToken cancellationToken = default)
    {
        var server = new ServerDatabases(new PostgresTarget(connectionString));
        var staging = await server.ExistsAsync(swap.Staging, cancellationToken).ConfigureAwait(false);
        var live = await server.ExistsAsync(swap.Live, cancellationToken).ConfigureAwait(false);
        if (recorded >= RestoreStage.Swapped || (recorded >= RestoreStage.LiveMoved && !staging && live))
        {
            await server.DropAsync(swap.Replaced, CancellationToken.None).ConfigureAwait(false);
            logger.Warning("Completed the interrupted restore of {Database}: the restored copy holds its name; dropped {Replaced}", swap.Live, swap.Replaced);
            return RestoreStage.Done;
        }
        await RevertAsync(server, swap, logger).ConfigureAwait(false);
        return RestoreStage.Reverted;
    }

    /// <summary>Puts the old database back under the live name, accepting sessions, and drops the staging copy.</summary>
    internal static async Task RevertAsync(ServerDatabases server, DatabaseSwap swap, ILogger logger)
    {
        var token = CancellationToken.None;
        if (await server.ExistsAsync(swap.Replaced, token).ConfigureAwait(false))
        {
            if (await server.ExistsAsync(swap.Live, token).ConfigureAwait(false))
                await DropEmptyImpostorAsync(server, swap).ConfigureAwait(false);
            await server.RenameAsync(swap.Replaced, swap.Live, token).ConfigureAwait(false);
        }
        if (await server.ExistsAsync(swap.Live, token).ConfigureAwait(false))
            await server.AllowConnectionsAsync(swap.Live, true, token).ConfigureAwait(false);
        await server.DropAsync(swap.Staging, token).ConfigureAwait(false);
        logger.Warning("Reverted the restore of {Database}: it holds the data it held before the restore", swap.Live);
    }

    // Something created the live name while the data sat under the replaced one (an older Runway's start-up creates
    // a missing database). Empty, it is dropped; with tables, it is nobody's to drop.
    private static async Task DropEmptyImpostorAsync(ServerDatabases server, DatabaseSwap swap)
    {
        var tables = await TableRowCounts.CountAsync(server.ConnectionStringOf(swap.Live), CancellationToken.None).ConfigureAwait(false);
        if (tables.Count > 0)
            throw new BackupFailedException(
                $"An interrupted restore left the data of {swap.Live} in {swap.Replaced}, but a database named {swap.Live} with {tables.Count} table(s) exists now. " +
                $"Decide which to keep: rename one of them by hand (ALTER DATABASE … RENAME TO …), then run Rollback again.");
        await server.DropAsync(swap.Live, CancellationToken.None).ConfigureAwait(false);
    }
}
