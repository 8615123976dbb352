using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Transfer;
using Runway.Files;

namespace Runway.Database.Backups.Repository;

/// <summary>
/// A backup repository in an S3-compatible bucket (<c>s3://bucket/prefix</c>), through the AWS SDK's transfer
/// utility: large archives go up and down in parallel multipart transfers.
/// </summary>
public sealed class S3BackupRepository : IBackupRepository, IDisposable
{
    private readonly AmazonS3Client _client;
    private readonly TransferUtility _transfer;
    private readonly string _bucket;
    private readonly string _prefix;

    /// <summary>A repository at <paramref name="url"/> (<c>s3://bucket/prefix</c>) on <paramref name="endpoint"/> (null: AWS itself).</summary>
    public S3BackupRepository(Uri url, Uri? endpoint, string? accessKey, string? secretKey)
    {
        (_bucket, _prefix) = (url.Host, url.AbsolutePath.Trim('/'));
        var config = new AmazonS3Config
        {
            // Path-style and only the checksums a request needs: what S3-compatible servers (MinIO, s3rver, Ceph) accept.
            ForcePathStyle = endpoint is not null,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (endpoint is not null) (config.ServiceURL, config.AuthenticationRegion) = (endpoint.ToString(), "us-east-1");
        _client = accessKey is null ? new AmazonS3Client(config) : new AmazonS3Client(new BasicAWSCredentials(accessKey, secretKey), config);
        _transfer = new TransferUtility(_client, new TransferUtilityConfig { ConcurrentServiceRequests = 8 });
    }

    /// <inheritdoc />
    public async Task<string> UploadAsync(string file, CancellationToken cancellationToken)
    {
        var key = _prefix.Length == 0 ? Path.GetFileName(file) : $"{_prefix}/{Path.GetFileName(file)}";
        await _transfer.UploadAsync(new TransferUtilityUploadRequest { FilePath = file, BucketName = _bucket, Key = key, PartSize = 16 << 20 }, cancellationToken)
            .ConfigureAwait(false);
        return $"s3://{_bucket}/{key}";
    }

    /// <inheritdoc />
    public async Task DownloadAsync(string location, string destination, CancellationToken cancellationToken)
    {
        var (bucket, key) = Parse(location);
        var temporary = AtomicFile.TemporaryFor(destination);
        try
        {
            await _transfer.DownloadAsync(new TransferUtilityDownloadRequest { FilePath = temporary, BucketName = bucket, Key = key }, cancellationToken).ConfigureAwait(false);
            AtomicFile.Commit(temporary, destination);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string location, CancellationToken cancellationToken)
    {
        var (bucket, key) = Parse(location);
        await _client.DeleteObjectAsync(bucket, key, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the client.</summary>
    public void Dispose()
    {
        _transfer.Dispose();
        _client.Dispose();
    }

    private static (string Bucket, string Key) Parse(string location)
    {
        var url = new Uri(location);
        return (url.Host, url.AbsolutePath.TrimStart('/'));
    }
}
