using Npgsql;
using Runway.Database.Forecast;
using Runway.Files;
using Runway.Processes;
using Serilog;

namespace Runway.Database.Backups;

/// <summary>A backup could not be taken or did not verify; the message says which database, why, and what to do.</summary>
public sealed class BackupFailedException(string message) : Exception(message);

/// <summary>Takes verified <c>pg_dump</c> archives (custom format) of a database into the backup folder.</summary>
public sealed class BackupStore(BackupOptions options, ILogger logger, TimeProvider timeProvider)
{
    /// <summary>The backup folder.</summary>
    public string Directory => options.Directory;

    /// <summary>Dumps the database of <paramref name="connectionString"/> and verifies the archive; throws <see cref="BackupFailedException"/> otherwise.</summary>
    public Task<BackupRecord> BackupAsync(string connectionString, CancellationToken cancellationToken = default) =>
        TakeAsync(connectionString, safetyDump: false, cancellationToken);

    /// <summary>Like <see cref="BackupAsync"/>, named as a safety dump taken before a restore (never deleted by retention).</summary>
    public Task<BackupRecord> SafetyDumpAsync(string connectionString, CancellationToken cancellationToken = default) =>
        TakeAsync(connectionString, safetyDump: true, cancellationToken);

    /// <summary>A safety dump of <paramref name="connectionString"/>'s database, named and recorded as <paramref name="liveName"/>'s (the database it was live as).</summary>
    public Task<BackupRecord> SafetyDumpAsync(string connectionString, string liveName, CancellationToken cancellationToken = default) =>
        TakeAsync(connectionString, safetyDump: true, cancellationToken, liveName);

    /// <summary>The newest regular (not safety) archive of <paramref name="database"/>, or null.</summary>
    public BackupFile? Latest(string database) =>
        BackupFileName.List(options.Directory).FirstOrDefault(f => f.Database == database && !f.IsSafetyDump);

    private async Task<BackupRecord> TakeAsync(string connectionString, bool safetyDump, CancellationToken cancellationToken, string? nameAs = null)
    {
        var target = new PostgresTarget(connectionString);
        System.IO.Directory.CreateDirectory(options.Directory);
        var createdAt = timeProvider.GetUtcNow();
        var file = Path.GetFullPath(Path.Combine(options.Directory, BackupFileName.For(nameAs ?? target.Database, createdAt, safetyDump)));
        var serverVersion = await ServerVersionAsync(target, cancellationToken).ConfigureAwait(false);
        // Read before the dump's snapshot: a write in between is in the archive yet counted as after it, which can only
        // make a later forecast of lost writes larger, never smaller.
        var counters = await WriteCounters.ReadAsync(connectionString, cancellationToken).ConfigureAwait(false);
        // Dumped beside its final name and renamed once complete and flushed: a crash never leaves a torn archive under a backup's name.
        var temporary = AtomicFile.TemporaryFor(file);
        var (dump, rows) = await DumpInSnapshotAsync(target, temporary, cancellationToken).ConfigureAwait(false);
        if (dump.Succeeded) AtomicFile.Commit(temporary, file);
        else
        {
            File.Delete(temporary);
            throw new BackupFailedException($"pg_dump of database {target.Database} failed (exit code {dump.ExitCode}): {dump.StandardError.Trim()} Check that the server is up and the user may read every table.");
        }
        counters = counters with { Rows = rows };
        var record = new BackupRecord(file, new FileInfo(file).Length, await FileChecksum.Sha256Async(file, cancellationToken).ConfigureAwait(false),
            dump.Duration, nameAs ?? target.Database, serverVersion, createdAt, Verified: false) { Counters = counters };
        return await VerifiedAsync(record, cancellationToken).ConfigureAwait(false);
    }

    // The rows per table are counted in a snapshot that pg_dump then dumps (--snapshot), so they are exactly the
    // archive's rows whatever is written meanwhile: a restore drill compares with them. The exporting transaction
    // stays open until pg_dump is done.
    private async Task<(ProcessResult Dump, IReadOnlyDictionary<string, long> Rows)> DumpInSnapshotAsync(PostgresTarget target, string file, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(target.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        await using var export = new NpgsqlCommand("SELECT pg_export_snapshot()", connection, transaction);
        var snapshot = (string)(await export.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        var rows = await TableRowCounts.CountAsync(connection, cancellationToken).ConfigureAwait(false);
        var dump = await ProcessRunner.RunAsync(target.Command("pg_dump", "--format=custom", $"--compress={options.CompressionLevel}", $"--snapshot={snapshot}",
            $"--file={file}", target.Database), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (dump, rows);
    }

    private async Task<BackupRecord> VerifiedAsync(BackupRecord record, CancellationToken cancellationToken)
    {
        var verification = await BackupVerifier.VerifyAsync(record, cancellationToken).ConfigureAwait(false);
        if (!verification.Succeeded) throw new BackupFailedException(verification.Problem!);
        logger.Information("Backed up {Database} to {File}: {SizeBytes} bytes in {Duration}, verified", record.Database, record.File, record.SizeBytes, record.Duration);
        return record with { Verified = true };
    }

    private static async Task<string> ServerVersionAsync(PostgresTarget target, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT current_setting('server_version')", connection);
        return (string)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
