namespace Runway.Database.Backups;

/// <summary>Where backups go and how they are taken and restored.</summary>
public sealed record BackupOptions
{
    /// <summary>The folder of the archives; the caller passes it (see <see cref="ForRoot"/> for the default).</summary>
    public required string Directory { get; init; }

    /// <summary>Options with the default folder, <c>.nuke/temp/backups</c> under <paramref name="rootDirectory"/>.</summary>
    public static BackupOptions ForRoot(string rootDirectory) => new() { Directory = Path.Combine(rootDirectory, ".nuke", "temp", "backups") };

    /// <summary>
    /// The gzip level of <c>pg_dump -Fc -Z</c>. Default 0 (no compression), chosen for speed: on a generated 577 MB
    /// database (bench/RESULTS.md) -Z0 dumped in about 2.5 s against about 5.5 s for -Z1 and 14 s for -Z6, and its full
    /// read takes a fraction of a second instead of 1.7 s, for an archive about twice as large (425 MB against 201 MB).
    /// Damaged bytes are caught by the SHA-256 taken from disk right after the dump; the full read proves the archive
    /// complete and parseable. Set 1 when disk space matters more than deployment time.
    /// </summary>
    public int CompressionLevel { get; init; }

    /// <summary>Parallel jobs of <c>pg_restore -j</c> (it helps with several large tables). Default: processors, at most 4.</summary>
    public int RestoreJobs { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 4);
}
