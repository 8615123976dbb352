using System.Text.Json.Nodes;
using Npgsql;

namespace Runway.Ledger;

/// <summary>
/// One deployment per environment at a time: a session-level PostgreSQL advisory lock, held on a dedicated
/// non-pooled connection for the whole run and released on dispose. A crashed run's lock dies with its connection.
/// The holder is recorded in <c>runway.environment_holders</c> so that a refused run can say who holds it.
/// </summary>
public sealed class EnvironmentLock : IAsyncDisposable
{
    private readonly LedgerDatabase _database;
    private readonly NpgsqlConnection _connection;
    private readonly long _key;
    private bool _released;

    private EnvironmentLock(LedgerDatabase database, NpgsqlConnection connection, long key, EnvironmentHolder holder)
    {
        _database = database;
        _connection = connection;
        _key = key;
        Holder = holder;
    }

    /// <summary>Who holds the environment: this run.</summary>
    public EnvironmentHolder Holder { get; }

    /// <summary>
    /// Takes <paramref name="environment"/> for <paramref name="holder"/>, or throws <see cref="EnvironmentLockedException"/>
    /// at once, naming the current holder, when another run has it.
    /// </summary>
    public static async Task<EnvironmentLock> AcquireAsync(
        LedgerDatabase database, string environment, LockHolder holder, CancellationToken cancellationToken = default)
    {
        var connection = await database.OpenDedicatedConnectionAsync("runway-lock", cancellationToken).ConfigureAwait(false);
        try
        {
            var key = LockKeys.ForEnvironment(environment);
            var taken = await Sql.QueryAsync(connection, "SELECT pg_try_advisory_lock($1)", r => r.GetBoolean(0), cancellationToken, key).ConfigureAwait(false);
            if (!taken[0])
                throw new EnvironmentLockedException(environment, await ReadHolderAsync(connection, environment, cancellationToken).ConfigureAwait(false));
            var record = new EnvironmentHolder(environment, holder, database.Now());
            await RecordHolderAsync(connection, record, cancellationToken).ConfigureAwait(false);
            database.Logger.Information("Took environment {Environment} for {Release} as {Holder}", environment, holder.Release, holder.By);
            return new EnvironmentLock(database, connection, key, record);
        }
        catch
        {
            // Closing the non-pooled connection also releases the lock if it was taken.
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The environment's recorded holder, or null when nobody has held it.</summary>
    public static Task<EnvironmentHolder?> GetHolderAsync(LedgerDatabase database, string environment, CancellationToken cancellationToken = default) =>
        database.ReadAsync((connection, token) => ReadHolderAsync(connection, environment, token), cancellationToken);

    /// <summary>
    /// Throws when the lock's connection has gone (the lock went with it, so another run may now take the
    /// environment). Call it between steps of a long run.
    /// </summary>
    public async Task EnsureHeldAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_released, this);
        try
        {
            await Sql.ExecuteAsync(_connection, "SELECT 1", cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw new InvalidOperationException(
                $"Lost the lock on environment '{Holder.Environment}': its connection to the ledger broke. Stop this run and start it again to resume.", ex);
        }
    }

    /// <summary>Removes the holder record and releases the lock; closing the connection releases it in any case.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_released) return;
        _released = true;
        if (_connection.State != System.Data.ConnectionState.Open)
        {
            // The connection broke: the server already dropped the lock with it.
            _database.Logger.Warning("Lock on environment {Environment} was already lost with its connection", Holder.Environment);
            await _connection.DisposeAsync().ConfigureAwait(false);
            return;
        }
        try
        {
            await ReleaseAsync().ConfigureAwait(false);
            _database.Logger.Information("Released environment {Environment}", Holder.Environment);
        }
        catch (NpgsqlException ex)
        {
            _database.Logger.Warning(ex, "Could not release environment {Environment} cleanly; closing its connection releases the lock", Holder.Environment);
        }
        finally
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task ReleaseAsync()
    {
        await using (var transaction = await _connection.BeginTransactionAsync().ConfigureAwait(false))
        {
            await Sql.ExecuteAsync(_connection, "DELETE FROM runway.environment_holders WHERE environment = $1 AND backend_pid = pg_backend_pid()",
                CancellationToken.None, Holder.Environment).ConfigureAwait(false);
            await EventChain.AppendAsync(_connection, _database.Now(), LedgerEventTypes.EnvironmentReleased, Holder.Environment, null,
                new JsonObject { ["by"] = Holder.Holder.By, ["release"] = Holder.Holder.Release }, CancellationToken.None).ConfigureAwait(false);
            await transaction.CommitAsync().ConfigureAwait(false);
        }
        await Sql.ExecuteAsync(_connection, "SELECT pg_advisory_unlock($1)", CancellationToken.None, _key).ConfigureAwait(false);
    }

    private static async Task RecordHolderAsync(NpgsqlConnection connection, EnvironmentHolder record, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // A crashed holder leaves its row behind; whoever holds the lock now overwrites it.
        await Sql.ExecuteAsync(connection, """
            INSERT INTO runway.environment_holders (environment, held_by, host, process_id, release, since, backend_pid)
            VALUES ($1, $2, $3, $4, $5, $6, pg_backend_pid())
            ON CONFLICT (environment) DO UPDATE SET held_by = EXCLUDED.held_by, host = EXCLUDED.host, process_id = EXCLUDED.process_id,
                release = EXCLUDED.release, since = EXCLUDED.since, backend_pid = EXCLUDED.backend_pid
            """, cancellationToken, record.Environment, record.Holder.By, record.Holder.Host, record.Holder.ProcessId, record.Holder.Release,
            record.Since).ConfigureAwait(false);
        await EventChain.AppendAsync(connection, record.Since, LedgerEventTypes.EnvironmentLocked, record.Environment, null, new JsonObject
        {
            ["by"] = record.Holder.By, ["host"] = record.Holder.Host, ["processId"] = record.Holder.ProcessId, ["release"] = record.Holder.Release,
        }, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static Task<EnvironmentHolder?> ReadHolderAsync(NpgsqlConnection connection, string environment, CancellationToken cancellationToken) =>
        Sql.QuerySingleAsync(connection,
            "SELECT environment, held_by, host, process_id, release, since FROM runway.environment_holders WHERE environment = $1",
            r => new EnvironmentHolder(r.GetString(0), new LockHolder(r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetString(4)), r.Timestamp(5)),
            cancellationToken, environment);
}
