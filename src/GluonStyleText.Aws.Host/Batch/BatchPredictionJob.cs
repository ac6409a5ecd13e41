using System.Net;
using System.Reflection;
using Amazon.S3;
using GetObjectMetadataRequest = Amazon.S3.Model.GetObjectMetadataRequest;
using GluonStyleText.Aws.Batch;
using GluonStyleText.Aws.Storage;
using GluonStyleText.Bundles;
using GluonStyleText.Prediction;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static TorchSharp.torch;

namespace GluonStyleText.Aws.Host.Batch;

/// <summary>
/// The AWS Batch prediction job (<c>IMAGE predict --bucket B --key K</c>): classifies one uploaded
/// CSV file with a model bundle from S3 and writes <c>&lt;name&gt;_output.csv</c>, then
/// <c>&lt;name&gt;_output.manifest.json</c>, to the results bucket.
/// </summary>
/// <remarks>
/// The job is safe to run twice: nothing reaches the results bucket before the whole file is
/// classified, the manifest goes last (so a job stopped at any point leaves no manifest for its
/// input), and predictions are repeatable for a given model, input and thread count, so a retry
/// writes the same bytes again. With <see cref="BatchPredictionJobOptions.ReuseCompleteOutput"/>
/// a duplicate job finds the complete output and does nothing.
/// </remarks>
public static class BatchPredictionJob
{
    /// <summary>The environment variable in which AWS Batch gives a job its id.</summary>
    public const string BatchJobIdVariable = "AWS_BATCH_JOB_ID";

    /// <summary>Runs the job.</summary>
    /// <param name="options">What to classify, with which model, and where the results go.</param>
    /// <param name="s3">The S3 client (not disposed).</param>
    /// <param name="logger">Receives each step.</param>
    /// <param name="progress">Told each step, and rows classified while predicting.</param>
    /// <param name="cancellationToken">Stops the job; no manifest is written for it.</param>
    /// <returns>Where the output and manifest are, and the manifest.</returns>
    /// <exception cref="ArgumentException">An option is missing or invalid.</exception>
    /// <exception cref="FileNotFoundException">The input or the model bundle does not exist.</exception>
    /// <exception cref="GluonStyleText.Data.DataFormatException">The input has no header or lacks the text column.</exception>
    /// <exception cref="BundleFormatException">The model bundle is damaged or inconsistent.</exception>
    /// <exception cref="IOException">The input was overwritten after the upload named by <see cref="BatchPredictionJobOptions.InputETag"/> (the message says so).</exception>
    /// <exception cref="UnauthorizedAccessException">S3 denied access to the input, the model or the results bucket; the message names the permissions.</exception>
    public static async Task<BatchPredictionJobResult> RunAsync(
        BatchPredictionJobOptions options,
        IAmazonS3 s3,
        ILogger? logger = null,
        IProgress<BatchPredictionJobProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(s3);
        options.Validate();
        logger ??= NullLogger.Instance;
        var started = DateTimeOffset.UtcNow;
        var input = new S3Location(options.Bucket, options.Key);
        var output = new S3Location(options.ResultsBucket, BatchPredictionJobOutputNames.OutputKey(options.Key, options.ResultsPrefix));
        var manifestLocation = new S3Location(options.ResultsBucket, BatchPredictionJobOutputNames.ManifestKey(options.Key, options.ResultsPrefix));
        BatchPredictionJobLog.Starting(logger, input.ToString(), options.ModelUri, output.ToString());

        var work = Path.GetFullPath(options.WorkDirectory);
        var jobDirectory = Directory.CreateDirectory(Path.Combine(work, "jobs", Guid.NewGuid().ToString("N")));
        try
        {
            var store = new S3FileStore(s3);
            progress?.Report(new BatchPredictionJobProgress(BatchPredictionJobStage.LoadingModel, 0, 0));
            var cache = new BatchPredictionJobModelCache(s3, store, Path.Combine(work, "models"), logger);
            using var classifier = await LoadClassifierAsync(cache, S3Location.Parse(options.ModelUri), logger, cancellationToken).ConfigureAwait(false);
            var textColumn = options.TextColumn ?? classifier.Bundle.Options.TextColumn;

            var expected = options.InputETag is { Length: > 0 } named && named != BatchPredictionJobOptions.AnyETag ? named.Trim('"') : null;
            var (inputETag, inputBytes) = await ReadInputVersionAsync(s3, input, expected, cancellationToken).ConfigureAwait(false);
            if (options.ReuseCompleteOutput
                && await FindCompleteOutputAsync(s3, store, output, manifestLocation, inputETag, classifier.Bundle.ModelHash, textColumn, options, cancellationToken).ConfigureAwait(false) is { } earlier)
            {
                BatchPredictionJobLog.Reused(logger, output.ToString(), input.ToString(), inputETag, earlier.ModelHash);
                progress?.Report(new BatchPredictionJobProgress(BatchPredictionJobStage.Done, earlier.RowsOut, 1));
                return new BatchPredictionJobResult(output, manifestLocation, earlier, Reused: true);
            }

            progress?.Report(new BatchPredictionJobProgress(BatchPredictionJobStage.DownloadingInput, 0, 0));
            var localInput = Path.Combine(jobDirectory.FullName, LocalFileName(input));
            // By the ETag just read, so that the manifest describes exactly the bytes classified.
            await store.DownloadFileAsync(input, localInput, inputETag, progress: null, cancellationToken).ConfigureAwait(false);

            var threads = options.Threads ?? Environment.ProcessorCount;
            set_num_threads(threads);
            var predictor = new CsvBatchPredictor(
                classifier,
                new CsvPredictionOptions { TextColumn = textColumn, IncludeClassProbabilities = options.IncludeClassProbabilities, BatchSize = options.BatchSize },
                logger);
            var localOutput = Path.Combine(jobDirectory.FullName, "output.csv");
            var summary = await predictor.PredictFileAsync(localInput, localOutput, PredictionProgress(progress), cancellationToken).ConfigureAwait(false);
            // Rows of NaN mean this machine or the model computes wrong numbers: the job fails and publishes nothing.
            summary.ThrowIfAnyNonFiniteOutput();

            progress?.Report(new BatchPredictionJobProgress(BatchPredictionJobStage.Uploading, summary.RowsRead, 0));
            await store.UploadFileAsync(localOutput, output, cancellationToken: cancellationToken).ConfigureAwait(false);
            var manifest = new BatchPredictionJobManifest
            {
                Input = input.ToString(),
                InputETag = inputETag,
                InputBytes = inputBytes,
                Output = output.ToString(),
                RowsIn = summary.RowsRead,
                RowsOut = summary.RowsPredicted + summary.RowsRejected,
                RowsPredicted = summary.RowsPredicted,
                RowsRejected = summary.RowsRejected,
                ModelHash = summary.ModelHash,
                BundleUri = options.ModelUri,
                TextColumn = textColumn,
                ClassProbabilities = options.IncludeClassProbabilities,
                Threads = threads,
                BatchJobId = Environment.GetEnvironmentVariable(BatchJobIdVariable),
                StartedUtc = started,
                FinishedUtc = DateTimeOffset.UtcNow,
                LibraryVersion = LibraryVersion,
            };
            var localManifest = Path.Combine(jobDirectory.FullName, "manifest.json");
            await File.WriteAllTextAsync(localManifest, manifest.ToJson(), cancellationToken).ConfigureAwait(false);
            await store.UploadFileAsync(localManifest, manifestLocation, cancellationToken: cancellationToken).ConfigureAwait(false);

            BatchPredictionJobLog.Uploaded(logger, output.ToString(), summary.RowsRead, summary.RowsRejected, manifestLocation.ToString());
            progress?.Report(new BatchPredictionJobProgress(BatchPredictionJobStage.Done, summary.RowsRead, 1));
            return new BatchPredictionJobResult(output, manifestLocation, manifest, Reused: false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            BatchPredictionJobLog.Failed(logger, input.ToString(), e);
            throw;
        }
        finally
        {
            TryDelete(jobDirectory.FullName);
        }
    }

    internal static string LibraryVersion { get; } =
        typeof(BatchPredictionJob).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";

    internal static async Task<TextClassifier> LoadClassifierAsync(
        BatchPredictionJobModelCache cache, S3Location modelUri, ILogger logger, CancellationToken cancellationToken)
    {
        var path = await cache.GetAsync(modelUri, cancellationToken).ConfigureAwait(false);
        try
        {
            return TextClassifier.Load(path);
        }
        catch (BundleFormatException e)
        {
            // A cached copy can be damaged on disk; the bundle in S3 is the reference.
            BatchPredictionJobLog.CacheDamaged(logger, path, e.Message);
            BatchPredictionJobModelCache.Remove(path);
            return TextClassifier.Load(await cache.GetAsync(modelUri, cancellationToken).ConfigureAwait(false));
        }
    }

    internal static async Task<(string ETag, long Bytes)> ReadInputVersionAsync(
        IAmazonS3 s3, S3Location input, string? expectedETag, CancellationToken cancellationToken)
    {
        try
        {
            var request = new GetObjectMetadataRequest { BucketName = input.Bucket, Key = input.Key };
            if (expectedETag is not null)
            {
                request.EtagToMatch = $"\"{expectedETag}\"";
            }

            var metadata = await s3.GetObjectMetadataAsync(request, cancellationToken).ConfigureAwait(false);
            return (metadata.ETag?.Trim('"') ?? "", metadata.ContentLength);
        }
        catch (AmazonS3Exception e) when (expectedETag is not null && e.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            throw new S3ObjectChangedException(input, expectedETag, e);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new FileNotFoundException($"Cannot classify {input}: no such object (deleted after it was uploaded?).", input.ToString(), e);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.Forbidden)
        {
            throw S3FileStore.AccessDenied("classify", input, e);
        }
    }

    internal static async Task<BatchPredictionJobManifest?> FindCompleteOutputAsync(
        IAmazonS3 s3,
        S3FileStore store,
        S3Location output,
        S3Location manifestLocation,
        string inputETag,
        string modelHash,
        string textColumn,
        BatchPredictionJobOptions options,
        CancellationToken cancellationToken)
    {
        // HEAD first: it answers "absent" the same way on every S3 implementation (no error body to parse).
        if (!await store.ExistsAsync(manifestLocation, cancellationToken).ConfigureAwait(false)
            || !await store.ExistsAsync(output, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        BatchPredictionJobManifest manifest;
        try
        {
            using var response = await s3.GetObjectAsync(manifestLocation.Bucket, manifestLocation.Key, cancellationToken).ConfigureAwait(false);
            using var reader = new StreamReader(response.ResponseStream);
            manifest = BatchPredictionJobManifest.FromJson(await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false), manifestLocation.ToString());
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null; // deleted since the HEAD
        }
        catch (InvalidDataException)
        {
            return null; // not ours to trust: classify again and replace it
        }

        var same = manifest.FormatVersion == BatchPredictionJobManifest.CurrentFormatVersion
            && manifest.Output == output.ToString()
            && manifest.InputETag == inputETag
            && manifest.ModelHash == modelHash
            && manifest.TextColumn == textColumn
            && manifest.ClassProbabilities == options.IncludeClassProbabilities;
        return same ? manifest : null;
    }

    private static string LocalFileName(S3Location input)
    {
        // Keeping the key's file name makes error messages (which name the file) recognisable.
        var name = input.Name;
        foreach (var invalid in Path.GetInvalidFileNameChars())
        {
            name = name.Replace(invalid, '_');
        }

        return name is "" or "." or ".." ? "input.csv" : name;
    }

    private static ForwardingProgress? PredictionProgress(IProgress<BatchPredictionJobProgress>? progress) =>
        progress is null ? null : new ForwardingProgress(progress);

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temporary folder must not turn a finished job into a failed one.
        }
    }

    // Synchronous, unlike Progress<T>, so that reports arrive in order and while the step runs.
    private sealed class ForwardingProgress(IProgress<BatchPredictionJobProgress> inner) : IProgress<CsvPredictionProgress>
    {
        public void Report(CsvPredictionProgress value) =>
            inner.Report(new BatchPredictionJobProgress(BatchPredictionJobStage.Predicting, value.RowsDone, value.Fraction));
    }
}
