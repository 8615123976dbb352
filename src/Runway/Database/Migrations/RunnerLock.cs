using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Runway.Database.Migrations;

/// <summary>
/// The advisory lock that keeps two runners from applying the same script. It is a session-level lock held on
/// its own idle connection, outside any transaction: <c>CREATE INDEX CONCURRENTLY</c> waits for every transaction
/// that holds a snapshot, so a lock held inside an open transaction would make such a script wait for ever.
/// </summary>
internal sealed class RunnerLock : IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private readonly NpgsqlConnection _connection;
    private readonly long _key;

    private RunnerLock(NpgsqlConnection connection, long key) => (_connection, _key) = (connection, key);

    /// <summary>Polls for the lock until <paramref name="wait"/> has passed; null when another runner kept it that long.</summary>
    public static async Task<RunnerLock?> AcquireAsync(NpgsqlDataSource dataSource, string historyTable, TimeSpan wait, TimeProvider time, CancellationToken cancellationToken)
    {
        var key = Key(historyTable);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var started = time.GetTimestamp();
        try
        {
            while (!await TryLockAsync(connection, key, cancellationToken).ConfigureAwait(false))
            {
                if (time.GetElapsedTime(started) >= wait)
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                    return null;
                }
                await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
            }
            return new RunnerLock(connection, key);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", _connection) { Parameters = { new() { Value = _key } } };
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        finally
        {
            // Closing the session releases the lock too, should the unlock itself have failed.
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, long key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection) { Parameters = { new() { Value = key } } };
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>A stable 64-bit key per history table, so runners of different schemas in one database do not block each other.</summary>
    private static long Key(string historyTable) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("runway-migrations:" + historyTable)), 0);
}
