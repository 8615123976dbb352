using System.Text.RegularExpressions;

namespace Runway.Database.Backups.Repository;

/// <summary>Where the backup repository is: <c>--backup-repository</c> and, for S3, its endpoint and credentials.</summary>
/// <param name="Target">A directory, or <c>s3://bucket/prefix</c>.</param>
/// <param name="Endpoint">An S3-compatible server's URL; null for AWS itself.</param>
/// <param name="AccessKey">The S3 access key id; null for the SDK's default credentials.</param>
/// <param name="SecretKey">The S3 secret access key.</param>
public sealed partial record BackupRepositoryOptions(string Target, string? Endpoint = null, string? AccessKey = null, string? SecretKey = null)
{
    /// <summary>
    /// What is wrong with these options, each naming its parameter, where its value came from and the form it must take;
    /// empty when they are usable. The endpoint and keys are secrets: described, never shown.
    /// </summary>
    /// <param name="origin">Where a parameter (by member name, e.g. <c>BackupRepository</c>) got its value.</param>
    public IEnumerable<string> Problems(Func<string, string> origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        if (!IsS3 && !IsFolder || IsS3 && S3Url() is null)
            yield return $"--backup-repository is {Target} (from {origin("BackupRepository")}); it must be a folder (a shared mount) or s3://bucket/prefix.";
        if (Endpoint is not null && !IsHttpUrl(Endpoint))
            yield return $"--backup-repository-endpoint (from {origin("BackupRepositoryEndpoint")}) is not an http(s) URL (its value is secret and not shown); it must look like http://127.0.0.1:9000.";
        if ((AccessKey is null) != (SecretKey is null))
        {
            var (set, unset) = AccessKey is null ? ("SecretKey", "AccessKey") : ("AccessKey", "SecretKey");
            yield return $"--backup-repository-{Option(set)} is set (from {origin("BackupRepository" + set)}) but --backup-repository-{Option(unset)} is not; " +
                         "set both, or neither for the S3 SDK's default credentials.";
        }
    }

    private static string Option(string key) => key == "AccessKey" ? "access-key" : "secret-key";

    /// <summary>The repository these options name; bad input fails here, naming the parameter and the fix.</summary>
    public IBackupRepository Create()
    {
        var problems = Problems(member => member).ToList();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems));
        return IsS3
            ? new S3BackupRepository(S3Url()!, Endpoint is null ? null : new Uri(Endpoint), AccessKey, SecretKey)
            : new DirectoryBackupRepository(Target);
    }

    /// <summary>True when <see cref="Target"/> names a folder (neither s3:// nor any other URL scheme).</summary>
    public bool IsFolder => !IsS3 && !HasScheme().IsMatch(Target);

    private bool IsS3 => Target.StartsWith("s3://", StringComparison.OrdinalIgnoreCase);

    private Uri? S3Url() => Uri.TryCreate(Target, UriKind.Absolute, out var url) && url.Host.Length > 0 ? url : null;

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && url.Host.Length > 0;

    // Two letters or more before a colon: a URL's scheme (s3:/x, ftp://, https://), never a folder; "C:" stays a drive.
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]+:")]
    private static partial Regex HasScheme();
}
