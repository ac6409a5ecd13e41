using System.ComponentModel.DataAnnotations;
using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.S3.Transfer;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GluonStyleText.Aws.Storage;

/// <summary>
/// Files and folders in S3: model bundles (a folder, or one .zip file) and the CSV files of batch
/// prediction. Large files are uploaded in parallel parts; downloads go to a temporary name that
/// is renamed when complete, so a local file is never half written. Progress is reported as the
/// bytes transferred so far by the call.
/// </summary>
public sealed class S3FileStore
{
    private const int CopyBufferSize = 1024 * 1024;

    private readonly IAmazonS3 _s3;
    private readonly S3FileStoreOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates a store over an S3 client, which stays owned by the caller.</summary>
    /// <param name="s3">The client, e.g. <c>new AmazonS3Client()</c> or <c>LocalS3Server.CreateClient()</c>.</param>
    /// <param name="options">Transfer settings; defaults when null.</param>
    /// <param name="logger">Logs each file transferred; none when null.</param>
    /// <exception cref="ValidationException">An option is out of range.</exception>
    public S3FileStore(IAmazonS3 s3, S3FileStoreOptions? options = null, ILogger<S3FileStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(s3);
        this._s3 = s3;
        this._options = options ?? new S3FileStoreOptions();
        Validator.ValidateObject(this._options, new ValidationContext(this._options), validateAllProperties: true);
        this._logger = logger ?? (ILogger)NullLogger.Instance;
    }

    // S3's maximum; smaller in tests, so that paging is exercised with a few objects.
    internal int ListPageSize { get; init; } = 1000;

    /// <summary>
    /// Uploads a file, in parallel parts when it is at least <see cref="S3FileStoreOptions.MultipartThreshold"/>.
    /// A destination whose key is empty or ends with <c>/</c> receives the file under its own name.
    /// </summary>
    /// <param name="localPath">The file to upload.</param>
    /// <param name="destination">Object key, or a prefix ending with <c>/</c>.</param>
    /// <param name="progress">Receives the bytes uploaded so far.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>Where the file was stored.</returns>
    /// <exception cref="FileNotFoundException">The local file does not exist.</exception>
    /// <exception cref="DirectoryNotFoundException">The bucket does not exist.</exception>
    public async Task<S3Location> UploadFileAsync(
        string localPath, S3Location destination, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(localPath);
        ArgumentNullException.ThrowIfNull(destination);
        var file = new FileInfo(localPath);
        if (!file.Exists)
        {
            throw new FileNotFoundException($"Cannot upload '{file.FullName}' to {destination}: the file does not exist.", file.FullName);
        }

        if (IsPrefix(destination))
        {
            destination = destination.Append(file.Name);
        }

        var request = new TransferUtilityUploadRequest
        {
            FilePath = file.FullName,
            BucketName = destination.Bucket,
            Key = destination.Key,
            PartSize = _options.PartSize,
        };
        if (progress is not null)
        {
            request.UploadProgressEvent += (_, e) => progress.Report(e.TransferredBytes);
        }

        var transferConfig = new TransferUtilityConfig
        {
            MinSizeBeforePartUpload = _options.MultipartThreshold,
            ConcurrentServiceRequests = _options.ConcurrentRequests,
        };
        using var transfer = new TransferUtility(_s3, transferConfig);
        try
        {
            await transfer.UploadAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (Translate(e, "upload to", destination) is { } translated)
        {
            throw translated;
        }

        S3FileStoreLog.Uploaded(_logger, file.FullName, destination, file.Length);
        return destination;
    }

    /// <summary>Downloads an object to a file, replacing it only once the download is complete.</summary>
    /// <param name="source">The object.</param>
    /// <param name="localPath">The file to write; its folder is created when missing.</param>
    /// <param name="progress">Receives the bytes downloaded so far.</param>
    /// <param name="cancellationToken">Cancels the download; the local file is then left as it was.</param>
    /// <exception cref="FileNotFoundException">The object does not exist; the message names its s3:// location.</exception>
    /// <exception cref="DirectoryNotFoundException">The bucket does not exist.</exception>
    public Task DownloadFileAsync(
        S3Location source, string localPath, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        DownloadFileAsync(source, localPath, eTagToMatch: null, progress, cancellationToken);

    /// <summary>
    /// <see cref="DownloadFileAsync(S3Location, string, IProgress{long}?, CancellationToken)"/> of one
    /// object version: S3 answers 412 if the key no longer holds the object with this ETag.
    /// </summary>
    /// <exception cref="S3ObjectChangedException">The key holds another object than <paramref name="eTagToMatch"/> names.</exception>
    internal async Task DownloadFileAsync(
        S3Location source, string localPath, string? eTagToMatch, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(localPath);
        if (IsPrefix(source))
        {
            throw new ArgumentException($"Cannot download {source} to a file: it names a prefix, not an object; use DownloadDirectoryAsync.", nameof(source));
        }

        var target = Path.GetFullPath(localPath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        // Same folder, so the final rename stays on one file system and is atomic.
        var temporary = $"{target}.{Guid.NewGuid():N}.part";
        try
        {
            long length;
            GetObjectResponse response;
            try
            {
                var request = new GetObjectRequest { BucketName = source.Bucket, Key = source.Key };
                if (eTagToMatch is not null)
                {
                    request.EtagToMatch = $"\"{eTagToMatch}\"";
                }

                response = await _s3.GetObjectAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonS3Exception e) when (eTagToMatch is not null && e.StatusCode == HttpStatusCode.PreconditionFailed)
            {
                throw new S3ObjectChangedException(source, eTagToMatch, e);
            }
            catch (AmazonS3Exception e) when (Translate(e, "download", source) is { } translated)
            {
                throw translated;
            }

            using (response)
            {
                await using var output = new FileStream(
                    temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, CopyBufferSize, FileOptions.Asynchronous);
                length = await CopyAsync(response.ResponseStream, output, progress, cancellationToken).ConfigureAwait(false);
                if (response.ContentLength >= 0 && length != response.ContentLength)
                {
                    throw new IOException($"Download of {source} ended after {length} of {response.ContentLength} bytes.");
                }
            }

            File.Move(temporary, target, overwrite: true);
            S3FileStoreLog.Downloaded(_logger, source, target, length);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// Uploads every file below a folder (e.g. a model bundle) to <paramref name="destinationPrefix"/>,
    /// keeping relative paths with <c>/</c> as the separator.
    /// </summary>
    /// <param name="localDirectory">The folder to upload.</param>
    /// <param name="destinationPrefix">Prefix the relative paths are appended to (a <c>/</c> is added when missing).</param>
    /// <param name="progress">Receives the bytes uploaded so far, over all files.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The number of files uploaded.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder or the bucket does not exist.</exception>
    public async Task<int> UploadDirectoryAsync(
        string localDirectory, S3Location destinationPrefix, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(localDirectory);
        ArgumentNullException.ThrowIfNull(destinationPrefix);
        var root = Path.GetFullPath(localDirectory);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"Cannot upload folder '{root}' to {destinationPrefix}: the folder does not exist.");
        }

        var prefix = destinationPrefix.AsPrefix();
        var files = Directory.GetFiles(root, "*", SearchOption.AllDirectories);
        Array.Sort(files, StringComparer.Ordinal);
        long done = 0;
        foreach (var file in files)
        {
            var relativeKey = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            await UploadFileAsync(file, prefix.Append(relativeKey), Offset(progress, done), cancellationToken).ConfigureAwait(false);
            done += new FileInfo(file).Length;
        }

        return files.Length;
    }

    /// <summary>
    /// Downloads every object below <paramref name="sourcePrefix"/> into a folder, keys' <c>/</c>
    /// becoming subfolders. Each file is written completely or not at all; after a failure the
    /// folder may hold some of the files.
    /// </summary>
    /// <param name="sourcePrefix">The prefix (a <c>/</c> is added when missing, so <c>run1</c> does not match <c>run10</c>).</param>
    /// <param name="localDirectory">The folder to write into; created when missing.</param>
    /// <param name="progress">Receives the bytes downloaded so far, over all files.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The number of files downloaded.</returns>
    /// <exception cref="DirectoryNotFoundException">No object has the prefix, or the bucket does not exist.</exception>
    /// <exception cref="InvalidDataException">A key would be written outside the folder (it contains <c>..</c> segments).</exception>
    public async Task<int> DownloadDirectoryAsync(
        S3Location sourcePrefix, string localDirectory, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sourcePrefix);
        ArgumentNullException.ThrowIfNull(localDirectory);
        var prefix = sourcePrefix.AsPrefix();
        var objects = await ListAsync(prefix, cancellationToken).ConfigureAwait(false);
        if (objects.Count == 0)
        {
            throw new DirectoryNotFoundException($"Cannot download {prefix}: no objects have this prefix.");
        }

        var root = Path.GetFullPath(localDirectory);
        var rootWithSeparator = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        var count = 0;
        long done = 0;
        foreach (var item in objects)
        {
            var relativeKey = item.Location.Key[prefix.Key.Length..];
            if (relativeKey.Length == 0 || relativeKey.EndsWith('/'))
            {
                continue; // a "folder" marker object, not a file
            }

            var target = Path.GetFullPath(Path.Combine(root, relativeKey));
            if (!target.StartsWith(rootWithSeparator, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"Cannot download {item.Location}: its key would be written outside '{root}'.");
            }

            await DownloadFileAsync(item.Location, target, Offset(progress, done), cancellationToken).ConfigureAwait(false);
            done += item.Size;
            count++;
        }

        return count;
    }

    /// <summary>
    /// Whether an object exists; for a location whose key is empty or ends with <c>/</c>, whether
    /// any object has that prefix (e.g. a model bundle folder). False when the bucket does not exist.
    /// </summary>
    /// <param name="location">The object or prefix.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="UnauthorizedAccessException">S3 answered 403: the message names the permissions it needs.</exception>
    public async Task<bool> ExistsAsync(S3Location location, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(location);
        try
        {
            if (IsPrefix(location))
            {
                var page = await ListPageAsync(location, maxKeys: 1, continuationToken: null, cancellationToken).ConfigureAwait(false);
                return page.S3Objects is { Count: > 0 };
            }

            await _s3.GetObjectMetadataAsync(location.Bucket, location.Key, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DirectoryNotFoundException)
        {
            return false;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            // HEAD responses have no body, so a missing key and a missing bucket look the same.
            return false;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.Forbidden)
        {
            // Not "absent": S3 answers 403 for a missing key too when the caller may not list the
            // bucket, so false here could hide a missing permission or report a present object absent.
            throw AccessDenied("check", location, e);
        }
    }

    /// <summary>
    /// The error for a 403 answer: names the location and the two permissions S3 asks for, since
    /// without <c>s3:ListBucket</c> a key that does not exist is also answered with 403.
    /// </summary>
    internal static UnauthorizedAccessException AccessDenied(string action, S3Location location, AmazonS3Exception e) =>
        new($"Cannot {action} {location}: S3 denied access (HTTP 403{(e.ErrorCode is { Length: > 0 } code ? $", {code}" : "")}). "
            + $"The caller's role needs s3:GetObject on the object and s3:ListBucket on bucket '{location.Bucket}'; "
            + "without s3:ListBucket S3 answers 403, not 404, for an object that does not exist.", e);

    /// <summary>
    /// All objects whose key starts with the location's key, in key order. The key is used as
    /// given: <c>models/run1</c> also lists <c>models/run10/...</c>; use <see cref="S3Location.AsPrefix"/> for one folder.
    /// </summary>
    /// <param name="prefix">Bucket and key prefix; an empty key lists the whole bucket.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The objects; empty when there are none.</returns>
    /// <exception cref="DirectoryNotFoundException">The bucket does not exist.</exception>
    public async Task<IReadOnlyList<S3ObjectInfo>> ListAsync(S3Location prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var objects = new List<S3ObjectInfo>();
        string? continuationToken = null;
        do
        {
            var page = await ListPageAsync(prefix, ListPageSize, continuationToken, cancellationToken).ConfigureAwait(false);
            // AWSSDK.S3 v4 leaves S3Objects null, not empty, when nothing matches.
            foreach (var item in page.S3Objects ?? [])
            {
                objects.Add(new S3ObjectInfo(new S3Location(prefix.Bucket, item.Key), item.Size ?? 0, item.ETag?.Trim('"') ?? ""));
            }

            continuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (continuationToken is not null);

        return objects;
    }

    private async Task<ListObjectsV2Response> ListPageAsync(
        S3Location prefix, int maxKeys, string? continuationToken, CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request
        {
            BucketName = prefix.Bucket,
            Prefix = prefix.Key,
            MaxKeys = maxKeys,
            ContinuationToken = continuationToken,
        };
        try
        {
            return await _s3.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (Translate(e, "list", prefix) is { } translated)
        {
            throw translated;
        }
    }

    private static bool IsPrefix(S3Location location) => location.Key.Length == 0 || location.Key.EndsWith('/');

    // Missing buckets and keys are the caller's input errors, and a denied access is a deployment
    // error: say which location (and, for 403, which permissions). Other S3 errors (throttling,
    // server errors) pass through unchanged for the caller's retry policy.
    private static Exception? Translate(AmazonS3Exception e, string action, S3Location location) => e.ErrorCode switch
    {
        "NoSuchBucket" => new DirectoryNotFoundException($"Cannot {action} {location}: bucket '{location.Bucket}' does not exist.", e),
        "NoSuchKey" or "NotFound" => new FileNotFoundException($"Cannot {action} {location}: no such object.", location.ToString(), e),
        _ when e.StatusCode == HttpStatusCode.Forbidden => AccessDenied(action, location, e),
        _ => null,
    };

    private static async Task<long> CopyAsync(Stream input, Stream output, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var buffer = new byte[CopyBufferSize];
        long total = 0;
        int read;
        while ((read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            total += read;
            progress?.Report(total);
        }

        return total;
    }

    private static OffsetProgress? Offset(IProgress<long>? progress, long offset) =>
        progress is null ? null : new OffsetProgress(progress, offset);

    // Turns one file's progress into the whole folder's.
    private sealed class OffsetProgress(IProgress<long> inner, long offset) : IProgress<long>
    {
        public void Report(long value) => inner.Report(offset + value);
    }
}
