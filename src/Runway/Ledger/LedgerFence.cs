using Npgsql;

namespace Runway.Ledger;

/// <summary>
/// What a run holding an environment presents with each ledger write: its environment, lock key and fence. The
/// check runs inside the write's transaction, so a write either commits while the run still holds the lock with the
/// newest fence, or is refused and changes nothing.
/// </summary>
public sealed class LedgerFence(string environment, long key, long fence)
{
    private volatile string? _lostBecause;

    /// <summary>The environment held.</summary>
    public string Environment { get; } = environment;

    /// <summary>The fencing token: bumped at each acquisition of the environment, so a newer holder has a higher one.</summary>
    public long Token { get; } = fence;

    /// <summary>True once the run knows it lost the lock: every later write is refused without asking the server.</summary>
    public bool IsLost => _lostBecause is not null;

    /// <summary>Records that the lock is gone, and why.</summary>
    public void MarkLost(string because) => _lostBecause ??= because;

    /// <summary>The refusal for a write of a run whose lock is gone.</summary>
    public LockLostException Lost(Exception? inner = null) => new(Environment, Token, _lostBecause ?? "a newer run holds it, or its lock's connection broke", inner);

    /// <summary>
    /// Inside a write's transaction: throws <see cref="LockLostException"/> unless this run's lock connection still
    /// holds the advisory lock and its fence is the newest. The holder row is share-locked, so an acquisition by
    /// another run waits for this transaction and then bumps the fence past it.
    /// </summary>
    internal async Task EnsureCurrentAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (IsLost) throw Lost();
        var held = await Sql.QueryAsync(connection, """
            SELECT 1 FROM runway.environment_holders h
            WHERE h.environment = $1 AND h.fence = $2
              AND EXISTS (SELECT 1 FROM pg_locks l
                          WHERE l.locktype = 'advisory' AND l.granted AND l.pid = h.backend_pid AND l.objsubid = 1
                            AND ((l.classid::bigint << 32) | l.objid::bigint) = $3)
            FOR SHARE OF h
            """, r => r.GetInt32(0), cancellationToken, Environment, Token, key).ConfigureAwait(false);
        if (held.Count > 0) return;
        MarkLost("the ledger no longer records this run as the holder with the newest fence");
        throw Lost();
    }
}
