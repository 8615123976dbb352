namespace Runway.Database.Backups;

/// <summary>Where backups go and how they are taken and restored.</summary>
public sealed record BackupOptions
{
    /// <summary>The folder of the archives; the caller passes it (by default <c>.nuke/temp/backups</c> under the root).</summary>
    public required string Directory { get; init; }

    /// <summary>
    /// The gzip level of <c>pg_dump -Fc -Z</c>. Default 1: measured on a generated 500+ MB database (bench/RESULTS.md)
    /// it dumps several times faster than the default level 6 for a little more disk, while level 0 was barely faster
    /// but leaves the archive without zlib's integrity check, which is what makes a full read detect corrupted data.
    /// </summary>
    public int CompressionLevel { get; init; } = 1;

    /// <summary>Parallel jobs of <c>pg_restore -j</c> (it helps with several large tables). Default: processors, at most 4.</summary>
    public int RestoreJobs { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 4);
}
