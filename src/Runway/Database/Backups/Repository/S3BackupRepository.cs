using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Runway.Files;

namespace Runway.Database.Backups.Repository;

/// <summary>
/// A backup repository in an S3-compatible bucket (<c>s3://bucket/prefix</c>), through the AWS SDK: large archives go
/// up as parallel multipart uploads and come down as parallel ranged reads.
/// </summary>
public sealed class S3BackupRepository : IBackupRepository, IDisposable
{
    private readonly AmazonS3Client _client;
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
    }

    /// <summary>Parts of a multipart upload; up to <see cref="ParallelParts"/> go at once.</summary>
    private const long PartSize = 16 << 20;
    private const int ParallelParts = 8;

    /// <inheritdoc />
    /// <remarks>
    /// The SDK's transfer utility signs uploads over plain HTTP in <c>aws-chunked</c> framing, which some
    /// S3-compatible servers store verbatim (a corrupted archive); parts are therefore sent with their whole-body
    /// signature (<c>UseChunkEncoding = false</c>), in parallel, and the SHA-256 check of every download backs it.
    /// </remarks>
    public async Task<string> UploadAsync(string file, CancellationToken cancellationToken)
    {
        var key = _prefix.Length == 0 ? Path.GetFileName(file) : $"{_prefix}/{Path.GetFileName(file)}";
        var size = new FileInfo(file).Length;
        if (size <= PartSize)
            await _client.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = key, FilePath = file, UseChunkEncoding = false }, cancellationToken).ConfigureAwait(false);
        else
            await MultipartAsync(file, key, size, cancellationToken).ConfigureAwait(false);
        return $"s3://{_bucket}/{key}";
    }

    private async Task MultipartAsync(string file, string key, long size, CancellationToken cancellationToken)
    {
        var upload = await _client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = _bucket, Key = key }, cancellationToken).ConfigureAwait(false);
        try
        {
            var parts = new PartETag[(int)((size + PartSize - 1) / PartSize)];
            await Parallel.ForEachAsync(Enumerable.Range(0, parts.Length), new ParallelOptions { MaxDegreeOfParallelism = ParallelParts, CancellationToken = cancellationToken },
                async (index, token) =>
                {
                    var response = await _client.UploadPartAsync(new UploadPartRequest
                    {
                        BucketName = _bucket, Key = key, UploadId = upload.UploadId, PartNumber = index + 1, FilePath = file,
                        FilePosition = index * PartSize, PartSize = Math.Min(PartSize, size - index * PartSize), UseChunkEncoding = false,
                    }, token).ConfigureAwait(false);
                    parts[index] = new PartETag(index + 1, response.ETag);
                }).ConfigureAwait(false);
            await _client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = _bucket, Key = key, UploadId = upload.UploadId, PartETags = [.. parts] },
                cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await _client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = _bucket, Key = key, UploadId = upload.UploadId }, CancellationToken.None)
                .ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task DownloadAsync(string location, string destination, CancellationToken cancellationToken)
    {
        var (bucket, key) = Parse(location);
        var temporary = AtomicFile.TemporaryFor(destination);
        try
        {
            await RangedDownloadAsync(bucket, key, temporary, cancellationToken).ConfigureAwait(false);
            AtomicFile.Commit(temporary, destination);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    // The transfer utility reads an object as one stream; ranges of a part's size, several at once, each written at
    // its offset, take the archive down as fast as it went up (bench/Runway.Bench.Database against s3cmd).
    private async Task RangedDownloadAsync(string bucket, string key, string file, CancellationToken cancellationToken)
    {
        var size = (await _client.GetObjectMetadataAsync(bucket, key, cancellationToken).ConfigureAwait(false)).ContentLength;
        using var handle = File.OpenHandle(file, FileMode.Create, FileAccess.Write, FileShare.None, FileOptions.Asynchronous, size);
        var ranges = (int)((size + PartSize - 1) / PartSize);
        await Parallel.ForEachAsync(Enumerable.Range(0, ranges), new ParallelOptions { MaxDegreeOfParallelism = ParallelParts, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                var (from, to) = (index * PartSize, Math.Min(size, (index + 1) * PartSize) - 1);
                using var response = await _client.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key, ByteRange = new ByteRange(from, to) }, token)
                    .ConfigureAwait(false);
                var buffer = new byte[1 << 20];
                var offset = from;
                int read;
                while ((read = await response.ResponseStream.ReadAsync(buffer, token).ConfigureAwait(false)) > 0)
                {
                    await RandomAccess.WriteAsync(handle, buffer.AsMemory(0, read), offset, token).ConfigureAwait(false);
                    offset += read;
                }
                if (offset != to + 1)
                    throw new IOException($"s3://{bucket}/{key}: bytes {from}-{to} ended at {offset}; the download is incomplete.");
            }).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string location, CancellationToken cancellationToken)
    {
        // A folder path was recorded by a directory repository, not this one: there is nothing of it here to delete.
        if (!location.StartsWith("s3://", StringComparison.OrdinalIgnoreCase)) return;
        var (bucket, key) = Parse(location);
        await _client.DeleteObjectAsync(bucket, key, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the client.</summary>
    public void Dispose()
    {
        _client.Dispose();
    }

    private static (string Bucket, string Key) Parse(string location)
    {
        var url = new Uri(location);
        return (url.Host, url.AbsolutePath.TrimStart('/'));
    }
}
