namespace Runway.Database.Backups.Repository;

/// <summary>Where the backup repository is: <c>--backup-repository</c> and, for S3, its endpoint and credentials.</summary>
/// <param name="Target">A directory, or <c>s3://bucket/prefix</c>.</param>
/// <param name="Endpoint">An S3-compatible server's URL; null for AWS itself.</param>
/// <param name="AccessKey">The S3 access key id; null for the SDK's default credentials.</param>
/// <param name="SecretKey">The S3 secret access key.</param>
public sealed record BackupRepositoryOptions(string Target, string? Endpoint = null, string? AccessKey = null, string? SecretKey = null)
{
    /// <summary>The repository these options name; bad input fails here, naming the parameter and the fix.</summary>
    public IBackupRepository Create()
    {
        if (!Target.StartsWith("s3://", StringComparison.OrdinalIgnoreCase)) return new DirectoryBackupRepository(Target);
        if (!Uri.TryCreate(Target, UriKind.Absolute, out var url) || url.Host.Length == 0)
            throw new ArgumentException($"--backup-repository '{Target}' is not an S3 URL: use s3://bucket/prefix.");
        Uri? endpoint = null;
        if (Endpoint is not null && !Uri.TryCreate(Endpoint, UriKind.Absolute, out endpoint))
            throw new ArgumentException("--backup-repository-endpoint is not a URL: use e.g. http://127.0.0.1:9000.");
        if ((AccessKey is null) != (SecretKey is null))
            throw new ArgumentException("Set both --backup-repository-access-key and --backup-repository-secret-key, or neither (the SDK's default credentials).");
        return new S3BackupRepository(url, endpoint, AccessKey, SecretKey);
    }
}
