namespace Runway.Database.Backups;

/// <summary>A backup archive as taken and verified: what the ledger records and a restore needs.</summary>
/// <param name="File">The archive's full path.</param>
/// <param name="SizeBytes">Its size on disk.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file.</param>
/// <param name="Duration">How long the dump took.</param>
/// <param name="Database">The database it holds.</param>
/// <param name="ServerVersion">The server version it was taken from (<c>server_version</c>).</param>
/// <param name="CreatedAt">When the dump started.</param>
/// <param name="Verified">True once the checksum and a full read of the archive succeeded.</param>
public sealed record BackupRecord(
    string File,
    long SizeBytes,
    string Sha256,
    TimeSpan Duration,
    string Database,
    string ServerVersion,
    DateTimeOffset CreatedAt,
    bool Verified)
{
    /// <summary>The database's write counters read right before the dump: what a restore's lost-writes forecast starts from.</summary>
    public Forecast.WriteCounters? Counters { get; init; }

    /// <summary>Where the archive was uploaded (a directory or <c>s3://…</c>); null while it is only on the runner.</summary>
    public string? Location { get; init; }
}
