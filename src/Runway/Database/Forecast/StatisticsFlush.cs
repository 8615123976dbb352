using Npgsql;

namespace Runway.Database.Forecast;

/// <summary>
/// Makes a session's table counters visible to every other session now. Since PostgreSQL 15 a session keeps its
/// counters (<c>n_tup_ins</c>, <c>n_tup_upd</c>, <c>n_tup_del</c>) to itself and flushes them to shared memory at most
/// once a second, or 10 s after it goes idle; <c>pg_stat_force_next_flush()</c> makes the flush at the end of the next
/// statement unconditional, and it happens before the server answers. It acts on the calling session only: the
/// sessions of others flush when they end (a restore ends them all before its last look at the counters).
/// </summary>
public static class StatisticsFlush
{
    /// <summary>Flushes <paramref name="connection"/>'s pending counters; call it outside a transaction, after the session's writes.</summary>
    public static async Task FlushAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // Before 15 the statistics collector received counters within half a second, with no way to hurry it.
        if (connection.PostgreSqlVersion.Major < 15) return;
        await using var command = new NpgsqlCommand("SELECT pg_stat_force_next_flush()", connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
