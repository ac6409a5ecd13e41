using System.Net;
using System.Security.Cryptography;
using System.Text;
using Amazon.S3;
using GluonStyleText.Aws.Storage;
using GluonStyleText.Bundles;
using Microsoft.Extensions.Logging;

namespace GluonStyleText.Aws.Host.Batch;

/// <summary>
/// Model bundles downloaded from S3, kept in a local folder by content so that jobs sharing a
/// machine (the local pipeline, a reused container) download a bundle once. A bundle folder is
/// identified by the SHA-256 of its <c>bundle.json</c>, which lists the hash of every part; a
/// <c>.zip</c> or <c>.tar.gz</c> bundle by its S3 ETag. A prefix without <c>bundle.json</c> but with
/// a <c>model.tar.gz</c> (a SageMaker training job's <c>output/</c>) is that archive. Entries are
/// complete or absent: each is downloaded under a temporary name and renamed.
/// </summary>
internal sealed class BatchPredictionJobModelCache(IAmazonS3 s3, S3FileStore store, string cacheDirectory, ILogger logger)
{
    /// <summary>Returns the local path of the bundle at <paramref name="modelUri"/>, downloading it when the cache lacks it.</summary>
    public async Task<string> GetAsync(S3Location modelUri, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(cacheDirectory);
        return ArchiveExtension(modelUri) is not null
            ? await GetArchiveAsync(modelUri, cancellationToken).ConfigureAwait(false)
            : await GetFolderAsync(modelUri.AsPrefix(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes a cache entry, so that the next <see cref="GetAsync"/> downloads it again.</summary>
    public static void Remove(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
        else if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    /// <summary>The name SageMaker gives the archive of a training job's model folder, in the job's <c>output/</c> prefix.</summary>
    private const string SageMakerModelArchive = "model.tar.gz";

    /// <summary>The extension of a bundle held in one object (kept on the cached copy), or null for a bundle folder.</summary>
    private static string? ArchiveExtension(S3Location location) =>
        location.Key.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? ".zip"
        : location.Key.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) ? ".tar.gz"
        : null;

    private async Task<string> GetArchiveAsync(S3Location archive, CancellationToken cancellationToken)
    {
        string eTag;
        try
        {
            var metadata = await s3.GetObjectMetadataAsync(archive.Bucket, archive.Key, cancellationToken).ConfigureAwait(false);
            eTag = metadata.ETag?.Trim('"') ?? "";
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new FileNotFoundException($"The model bundle {archive} does not exist (MODEL_URI).", archive.ToString(), e);
        }

        var path = Path.Combine(cacheDirectory, $"{Hash(Encoding.UTF8.GetBytes($"{archive}\n{eTag}"))}{ArchiveExtension(archive)}");
        if (File.Exists(path))
        {
            BatchPredictionJobLog.ModelFromCache(logger, archive.ToString(), path);
            return path;
        }

        await store.DownloadFileAsync(archive, path, cancellationToken: cancellationToken).ConfigureAwait(false);
        BatchPredictionJobLog.ModelDownloaded(logger, archive.ToString(), path);
        return path;
    }

    private async Task<string> GetFolderAsync(S3Location prefix, CancellationToken cancellationToken)
    {
        var staging = Path.Combine(cacheDirectory, $"download-{Guid.NewGuid():N}");
        try
        {
            // The manifest alone (a few KB) says whether the cache already holds this exact bundle.
            var manifest = Path.Combine(staging, BundleFiles.Manifest);
            try
            {
                await store.DownloadFileAsync(prefix.Append(BundleFiles.Manifest), manifest, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (FileNotFoundException e)
            {
                try
                {
                    return await GetArchiveAsync(prefix.Append(SageMakerModelArchive), cancellationToken).ConfigureAwait(false);
                }
                catch (FileNotFoundException)
                {
                    throw new FileNotFoundException(
                        $"{prefix} is not a model bundle: it has no {BundleFiles.Manifest} and no {SageMakerModelArchive} (MODEL_URI must name a bundle folder, a .zip or .tar.gz bundle, or a SageMaker training job's output/ prefix).",
                        prefix.ToString(), e);
                }
            }

            var cached = Path.Combine(cacheDirectory, ManifestId(manifest));
            if (Directory.Exists(cached))
            {
                BatchPredictionJobLog.ModelFromCache(logger, prefix.ToString(), cached);
                return cached;
            }

            await store.DownloadDirectoryAsync(prefix, staging, cancellationToken: cancellationToken).ConfigureAwait(false);
            // Named after the manifest actually downloaded with the parts, in case the bundle was replaced meanwhile.
            cached = Path.Combine(cacheDirectory, ManifestId(manifest));
            try
            {
                Directory.Move(staging, cached);
            }
            catch (IOException) when (Directory.Exists(cached))
            {
                // Another job on this machine cached the same bundle first; theirs is as good.
            }

            BatchPredictionJobLog.ModelDownloaded(logger, prefix.ToString(), cached);
            return cached;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private static string ManifestId(string manifestPath) => Hash(File.ReadAllBytes(manifestPath));

    private static string Hash(byte[] content) => Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant();
}
