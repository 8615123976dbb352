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
    /// <summary>How often the lock's connection is checked while held: a lost lock is noticed within this.</summary>
    public static readonly TimeSpan WatchInterval = TimeSpan.FromSeconds(1);

    private readonly LedgerDatabase _database;
    private readonly NpgsqlConnection _connection;
    private readonly long _key;
    private readonly SemaphoreSlim _connectionGate = new(1, 1);
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stopWatch = new();
    private readonly Task _watch;
    private bool _released;

    private EnvironmentLock(LedgerDatabase database, NpgsqlConnection connection, long key, EnvironmentHolder holder, LedgerFence fence)
    {
        _database = database;
        _connection = connection;
        _key = key;
        Holder = holder;
        Fence = fence;
        database.UseFence(fence);
        _watch = Task.Run(WatchAsync);
    }

    /// <summary>Who holds the environment: this run.</summary>
    public EnvironmentHolder Holder { get; }

    /// <summary>This run's fence: presented by every ledger write and traffic change while the lock is held.</summary>
    public LedgerFence Fence { get; }

    /// <summary>Cancelled the moment the lock is found lost (checked every <see cref="WatchInterval"/>): the run must stop.</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>
    /// Takes <paramref name="environment"/> for <paramref name="holder"/>, or throws <see cref="EnvironmentLockedException"/>
    /// at once, naming the current holder, when another run has it. Taking it bumps the environment's fence.
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
            var fence = await RecordHolderAsync(connection, record, cancellationToken).ConfigureAwait(false);
            database.Logger.Information("Took environment {Environment} for {Release} as {Holder} (fence {Fence})", environment, holder.Release, holder.By, fence);
            return new EnvironmentLock(database, connection, key, record, new LedgerFence(environment, key, fence));
        }
        catch
        {
            // Closing the non-pooled connection also releases the lock if it was taken.
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>True when some run holds <paramref name="environment"/>'s lock now (a live session on the ledger's server).</summary>
    public static Task<bool> IsHeldAsync(LedgerDatabase database, string environment, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async (connection, token) => (await Sql.QueryAsync(connection, """
            SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1
                           AND ((classid::bigint << 32) | objid::bigint) = $1)
            """, r => r.GetBoolean(0), token, LockKeys.ForEnvironment(environment)).ConfigureAwait(false))[0], cancellationToken);

    /// <summary>The environment's recorded holder, or null when nobody has held it.</summary>
    public static Task<EnvironmentHolder?> GetHolderAsync(LedgerDatabase database, string environment, CancellationToken cancellationToken = default) =>
        database.ReadAsync((connection, token) => ReadHolderAsync(connection, environment, token), cancellationToken);

    /// <summary>
    /// Throws <see cref="LockLostException"/> when the lock is gone: its connection broke (the lock went with it, so
    /// another run may now take the environment) or a newer run holds the environment. Call it before every step
    /// and every traffic change.
    /// </summary>
    public async Task EnsureHeldAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_released, this);
        if (Fence.IsLost) throw Fence.Lost();
        await CheckAsync(cancellationToken).ConfigureAwait(false);
        if (Fence.IsLost) throw Fence.Lost();
    }

    // The lock's own connection answers, and the environment's fence is still ours; otherwise the lock is lost for good.
    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        await _connectionGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var fences = await Sql.QueryAsync(_connection, "SELECT fence FROM runway.environment_fences WHERE environment = $1",
                r => r.GetInt64(0), timeout.Token, Holder.Environment).ConfigureAwait(false);
            if (fences.Count == 1 && fences[0] == Fence.Token) return;
            MarkLost($"a newer run took the environment (fence {(fences.Count == 1 ? fences[0] : 0)})");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested
            && ex is NpgsqlException or InvalidOperationException or TimeoutException or OperationCanceledException)
        {
            MarkLost($"its connection to the ledger broke ({ex.Message})");
        }
        finally
        {
            _connectionGate.Release();
        }
    }

    private void MarkLost(string because)
    {
        if (Fence.IsLost) return;
        Fence.MarkLost(because);
        _database.Logger.Error("Lost the lock on environment {Environment} (fence {Fence}): {Reason}. This run stops now and changes nothing more",
            Holder.Environment, Fence.Token, because);
        _lost.Cancel();
    }

    private async Task WatchAsync()
    {
        try
        {
            while (!Fence.IsLost)
            {
                await Task.Delay(WatchInterval, _stopWatch.Token).ConfigureAwait(false);
                await CheckAsync(_stopWatch.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stopWatch.IsCancellationRequested)
        {
            // Released: nothing more to watch.
        }
    }

    /// <summary>Removes the holder record and releases the lock; closing the connection releases it in any case.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_released) return;
        _released = true;
        await _stopWatch.CancelAsync().ConfigureAwait(false);
        await _watch.ConfigureAwait(false);
        _database.UseFence(null);
        try
        {
            await ReleaseOrForgetAsync().ConfigureAwait(false);
        }
        finally
        {
            _stopWatch.Dispose();
            _lost.Dispose();
            _connectionGate.Dispose();
        }
    }

    private async Task ReleaseOrForgetAsync()
    {
        if (_connection.State != System.Data.ConnectionState.Open || Fence.IsLost)
        {
            // The connection broke: the server already dropped the lock with it.
            _database.Logger.Warning("Lock on environment {Environment} was already lost; nothing to release", Holder.Environment);
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

    // Bumps the environment's fence and records the holder with it, in one transaction.
    private static async Task<long> RecordHolderAsync(NpgsqlConnection connection, EnvironmentHolder record, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var fence = (await Sql.QueryAsync(connection, """
            INSERT INTO runway.environment_fences (environment, fence) VALUES ($1, 1)
            ON CONFLICT (environment) DO UPDATE SET fence = runway.environment_fences.fence + 1
            RETURNING fence
            """, r => r.GetInt64(0), cancellationToken, record.Environment).ConfigureAwait(false))[0];
        // A crashed holder leaves its row behind; whoever holds the lock now overwrites it.
        await Sql.ExecuteAsync(connection, """
            INSERT INTO runway.environment_holders (environment, held_by, host, process_id, release, since, backend_pid, fence)
            VALUES ($1, $2, $3, $4, $5, $6, pg_backend_pid(), $7)
            ON CONFLICT (environment) DO UPDATE SET held_by = EXCLUDED.held_by, host = EXCLUDED.host, process_id = EXCLUDED.process_id,
                release = EXCLUDED.release, since = EXCLUDED.since, backend_pid = EXCLUDED.backend_pid, fence = EXCLUDED.fence
            """, cancellationToken, record.Environment, record.Holder.By, record.Holder.Host, record.Holder.ProcessId, record.Holder.Release,
            record.Since, fence).ConfigureAwait(false);
        await EventChain.AppendAsync(connection, record.Since, LedgerEventTypes.EnvironmentLocked, record.Environment, null, new JsonObject
        {
            ["by"] = record.Holder.By, ["host"] = record.Holder.Host, ["processId"] = record.Holder.ProcessId, ["release"] = record.Holder.Release,
            ["fence"] = fence,
        }, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return fence;
    }

    private static Task<EnvironmentHolder?> ReadHolderAsync(NpgsqlConnection connection, string environment, CancellationToken cancellationToken) =>
        Sql.QuerySingleAsync(connection,
            "SELECT environment, held_by, host, process_id, release, since FROM runway.environment_holders WHERE environment = $1",
            r => new EnvironmentHolder(r.GetString(0), new LockHolder(r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetString(4)), r.Timestamp(5)),
            cancellationToken, environment);
}
