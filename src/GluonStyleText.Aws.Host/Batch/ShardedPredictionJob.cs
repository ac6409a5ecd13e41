using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using GluonStyleText.Aws.Batch;
using GluonStyleText.Aws.Storage;
using S3Location = GluonStyleText.Aws.Storage.S3Location;
using GluonStyleText.Data;
using GluonStyleText.Prediction;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static TorchSharp.torch;

namespace GluonStyleText.Aws.Host.Batch;

/// <summary>
/// The three steps of a sharded prediction (docs/aws-pipeline.md, "Sharded prediction"): <see cref="PlanAsync"/> scans
/// the upload once and writes the shard plan under the run's work prefix; each array child's
/// <see cref="PredictShardAsync"/> classifies its shard from ranged reads and stores the output and its row counts;
/// <see cref="AssembleAsync"/> joins the outputs, in shard order, into <c>&lt;name&gt;_output.csv</c> with one multipart
/// upload (so the object appears whole or not at all), then writes the manifest and deletes the work files.
/// </summary>
public static class ShardedPredictionJob
{
    /// <summary>S3's smallest part of a multipart upload other than the last.</summary>
    public const long MinPartBytes = 5L << 20;

    /// <summary>S3's largest part number.</summary>
    public const int MaxParts = 10_000;

    /// <summary>Step 1: plans the shards of the upload (or finds its complete output) and writes <c>run.json</c>.</summary>
    /// <param name="options">The step's options.</param>
    /// <param name="s3">The S3 client (not disposed).</param>
    /// <param name="logger">Receives each step.</param>
    /// <param name="cancellationToken">Stops the step.</param>
    /// <returns>The run file's content.</returns>
    /// <exception cref="InvalidDataException">The plan has more shards than the array has children.</exception>
    public static async Task<string> PlanAsync(ShardedPredictionOptions options, IAmazonS3 s3, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        Prepare(options, s3, ref logger);
        var started = DateTimeOffset.UtcNow;
        var job = options.Job;
        var input = new S3Location(job.Bucket, job.Key);
        var store = new S3FileStore(s3);
        var expected = job.InputETag is { Length: > 0 } named && named != BatchPredictionJobOptions.AnyETag ? named.Trim('"') : null;
        var (inputETag, inputBytes) = await BatchPredictionJob.ReadInputVersionAsync(s3, input, expected, cancellationToken).ConfigureAwait(false);

        var (classifier, textColumn) = await LoadAsync(job, s3, store, logger!, cancellationToken).ConfigureAwait(false);
        using (classifier)
        {
            if (job.ReuseCompleteOutput
                && await BatchPredictionJob.FindCompleteOutputAsync(s3, store, Output(job), Manifest(job), inputETag, classifier.Bundle.ModelHash, textColumn, job, cancellationToken).ConfigureAwait(false) is { } earlier)
            {
                BatchPredictionJobLog.Reused(logger!, Output(job).ToString(), input.ToString(), inputETag, earlier.ModelHash);
                return await PutTextAsync(s3, RunFile(options), new ShardedPredictionRun { InputETag = inputETag, InputBytes = inputBytes, Reused = true, StartedUtc = started }.ToJson(), cancellationToken).ConfigureAwait(false);
            }
        }

        // One sequential read: the cut points are where the CSV reader cuts records, which only a scan from the start can tell.
        var target = Math.Max(1, (inputBytes + options.Shards - 1) / options.Shards);
        var alignment = new CsvPredictionOptions { BatchSize = job.BatchSize }.ShardRowAlignment;
        CsvShardPlan plan;
        using (var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = input.Bucket, Key = input.Key, EtagToMatch = Quote(inputETag) }, cancellationToken).ConfigureAwait(false))
        {
            plan = CsvShardPlan.Create(response.ResponseStream, input.ToString(), target, alignment, cancellationToken);
        }

        if (plan.Shards.Count > options.Shards)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{input}: the plan has {plan.Shards.Count} shards but the array job has {options.Shards} children."));
        }

        logger!.LogInformation("Planned {Input} ({Bytes} bytes) as {Shards} shards of about {Target} bytes for {Children} children", input, inputBytes, plan.Shards.Count, target, options.Shards);
        return await PutTextAsync(s3, RunFile(options), new ShardedPredictionRun { InputETag = inputETag, InputBytes = inputBytes, Plan = plan.ToJson(), StartedUtc = started }.ToJson(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Step 2, one array child: classifies shard <see cref="ShardedPredictionOptions.ArrayIndex"/> from ranged reads of the
    /// header and the shard, and stores its output and then its result under the run's work prefix. A child beyond the
    /// plan's shards, or of a run whose output was complete already, does nothing. On its last attempt a failure is
    /// recorded in <c>&lt;name&gt;_output.failure.json</c>, naming the shard and the reason, before it is rethrown.
    /// </summary>
    /// <param name="options">The step's options.</param>
    /// <param name="s3">The S3 client (not disposed).</param>
    /// <param name="logger">Receives each step.</param>
    /// <param name="progress">Told each stage, and rows classified while predicting.</param>
    /// <param name="cancellationToken">Stops the step.</param>
    /// <returns>The shard's result; null when the child had nothing to do.</returns>
    public static async Task<ShardedPredictionShardResult?> PredictShardAsync(
        ShardedPredictionOptions options, IAmazonS3 s3, ILogger? logger = null, IProgress<BatchPredictionJobProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Prepare(options, s3, ref logger);
        var job = options.Job;
        var work = Directory.CreateDirectory(Path.Combine(Path.GetFullPath(job.WorkDirectory), "shards", Guid.NewGuid().ToString("N")));
        try
        {
            var run = await ReadRunAsync(s3, options, cancellationToken).ConfigureAwait(false);
            if (run.Reused || run.Plan is null)
            {
                return null;
            }

            var input = new S3Location(job.Bucket, job.Key);
            var plan = CsvShardPlan.FromJson(run.Plan, RunFile(options).ToString());
            if (options.ArrayIndex >= plan.Shards.Count)
            {
                logger!.LogInformation("Child {Index} has no shard: the plan of {Input} has {Shards}", options.ArrayIndex, input, plan.Shards.Count);
                return null;
            }

            progress?.Report(new BatchPredictionJobProgress(BatchPredictionJobStage.LoadingModel, 0, 0));
            var store = new S3FileStore(s3);
            var (classifier, textColumn) = await LoadAsync(job, s3, store, logger!, cancellationToken).ConfigureAwait(false);
            using (classifier)
            {
                set_num_threads(job.Threads ?? Environment.ProcessorCount);
                var predictor = new CsvBatchPredictor(
                    classifier,
                    new CsvPredictionOptions { TextColumn = textColumn, IncludeClassProbabilities = job.IncludeClassProbabilities, BatchSize = job.BatchSize },
                    logger);
                var shard = plan.Shards[options.ArrayIndex];
                progress?.Report(new BatchPredictionJobProgress(BatchPredictionJobStage.DownloadingInput, 0, 0));
                using var header = await RangeAsync(s3, input, run.InputETag, plan.HeaderStart, plan.HeaderEnd, cancellationToken).ConfigureAwait(false);
                using var rows = await RangeAsync(s3, input, run.InputETag, shard.Start, shard.End, cancellationToken).ConfigureAwait(false);
                var localOutput = Path.Combine(work.FullName, "output.csv");
                CsvPredictionSummary summary;
                await using (var output = new FileStream(localOutput, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                {
                    summary = await predictor.PredictShardAsync(
                        header.Stream, rows.Stream, plan, options.ArrayIndex, output, input.ToString(),
                        progress is null ? null : new PredictionProgress(progress), cancellationToken).ConfigureAwait(false);
                }

                // A shard of NaN rows fails like any other shard failure: the file's output is never assembled.
                summary.ThrowIfAnyNonFiniteOutput();
                var result = new ShardedPredictionShardResult(
                    options.ArrayIndex, shard.FirstRow, summary.RowsRead, summary.RowsPredicted, summary.RowsRejected, new FileInfo(localOutput).Length, summary.ModelHash);
                progress?.Report(new BatchPredictionJobProgress(BatchPredictionJobStage.Uploading, summary.RowsRead, 0));
                // The output first, the result last: a result means its output is whole. A retried attempt replaces both with the same bytes.
                await store.UploadFileAsync(localOutput, ShardOutput(options, options.ArrayIndex), cancellationToken: cancellationToken).ConfigureAwait(false);
                await PutTextAsync(s3, ShardResultFile(options, options.ArrayIndex), JsonSerializer.Serialize(result), cancellationToken).ConfigureAwait(false);
                progress?.Report(new BatchPredictionJobProgress(BatchPredictionJobStage.Done, summary.RowsRead, 1));
                return result;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException && options.Attempt >= options.Attempts)
        {
            await RecordFailureAsync(s3, options, $"shard {options.ArrayIndex}", e, logger!).ConfigureAwait(false);
            throw;
        }
        finally
        {
            TryDelete(work.FullName);
        }
    }

    /// <summary>
    /// Step 3: completes the output with one multipart upload of the shards' outputs in shard order, writes the
    /// manifest (rows per shard and in total, the model hash) and deletes the run's work files. Consecutive outputs
    /// are joined into parts of at least <see cref="MinPartBytes"/> (S3 refuses smaller parts but the last). Any
    /// failure aborts the upload, so no part is left pending and no output appears.
    /// </summary>
    /// <param name="options">The step's options.</param>
    /// <param name="s3">The S3 client (not disposed).</param>
    /// <param name="logger">Receives each step.</param>
    /// <param name="cancellationToken">Stops the step; the upload is aborted.</param>
    /// <returns>The manifest; the earlier one when the run found the output complete.</returns>
    /// <exception cref="InvalidDataException">A shard has no result (its child did not finish).</exception>
    public static async Task<BatchPredictionJobManifest> AssembleAsync(ShardedPredictionOptions options, IAmazonS3 s3, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        Prepare(options, s3, ref logger);
        var job = options.Job;
        var output = Output(job);
        var work = Directory.CreateDirectory(Path.Combine(Path.GetFullPath(job.WorkDirectory), "assemble", Guid.NewGuid().ToString("N")));
        try
        {
            var run = await ReadRunAsync(s3, options, cancellationToken).ConfigureAwait(false);
            if (run.Reused || run.Plan is null)
            {
                await DeleteWorkAsync(s3, options, cancellationToken).ConfigureAwait(false);
                return await ReadManifestAsync(s3, Manifest(job), cancellationToken).ConfigureAwait(false);
            }

            var plan = CsvShardPlan.FromJson(run.Plan, RunFile(options).ToString());
            var results = new List<ShardedPredictionShardResult>(plan.Shards.Count);
            for (var index = 0; index < plan.Shards.Count; index++)
            {
                results.Add(await ReadShardResultAsync(s3, options, index, cancellationToken).ConfigureAwait(false));
            }

            await UploadJoinedAsync(s3, options, output, results, work.FullName, logger!, cancellationToken).ConfigureAwait(false);
            var manifest = new BatchPredictionJobManifest
            {
                Input = new S3Location(job.Bucket, job.Key).ToString(),
                InputETag = run.InputETag,
                InputBytes = run.InputBytes,
                Output = output.ToString(),
                RowsIn = results.Sum(r => r.RowsIn),
                RowsOut = results.Sum(r => r.RowsOut),
                RowsPredicted = results.Sum(r => r.RowsPredicted),
                RowsRejected = results.Sum(r => r.RowsRejected),
                ModelHash = results[0].ModelHash,
                BundleUri = job.ModelUri,
                TextColumn = job.TextColumn ?? await BundleTextColumnAsync(job, s3, logger!, cancellationToken).ConfigureAwait(false),
                ClassProbabilities = job.IncludeClassProbabilities,
                Threads = job.Threads ?? Environment.ProcessorCount,
                BatchJobId = Environment.GetEnvironmentVariable(BatchPredictionJob.BatchJobIdVariable),
                StartedUtc = run.StartedUtc,
                FinishedUtc = DateTimeOffset.UtcNow,
                LibraryVersion = BatchPredictionJob.LibraryVersion,
                Shards = results,
            };
            if (results.Any(r => r.ModelHash != manifest.ModelHash))
            {
                throw new InvalidDataException($"The shards of {manifest.Input} were classified with different models (the bundle at {job.ModelUri} changed during the run); upload the file again.");
            }

            await PutTextAsync(s3, Manifest(job), manifest.ToJson(), cancellationToken).ConfigureAwait(false);
            await DeleteWorkAsync(s3, options, cancellationToken).ConfigureAwait(false);
            BatchPredictionJobLog.Uploaded(logger!, output.ToString(), manifest.RowsIn, manifest.RowsRejected, Manifest(job).ToString());
            return manifest;
        }
        catch (Exception e) when (e is not OutOfMemoryException && options.Attempt >= options.Attempts)
        {
            await RecordFailureAsync(s3, options, "assemble", e, logger!).ConfigureAwait(false);
            throw;
        }
        finally
        {
            TryDelete(work.FullName);
        }
    }

    private static async Task UploadJoinedAsync(
        IAmazonS3 s3, ShardedPredictionOptions options, S3Location output, List<ShardedPredictionShardResult> results, string work, ILogger logger, CancellationToken cancellationToken)
    {
        var upload = await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = output.Bucket, Key = output.Key, ContentType = "text/csv" }, cancellationToken).ConfigureAwait(false);
        try
        {
            var parts = new List<PartETag>();
            var partPath = Path.Combine(work, "part");
            var part = new FileStream(partPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            try
            {
                async Task FlushAsync()
                {
                    await part.DisposeAsync().ConfigureAwait(false);
                    var number = parts.Count + 1;
                    if (number > MaxParts)
                    {
                        throw new InvalidDataException($"{output}: more than {MaxParts} parts; use larger shards (SHARD_BYTES).");
                    }

                    var answer = await s3.UploadPartAsync(
                        new UploadPartRequest { BucketName = output.Bucket, Key = output.Key, UploadId = upload.UploadId, PartNumber = number, FilePath = partPath },
                        cancellationToken).ConfigureAwait(false);
                    parts.Add(new PartETag(number, answer.ETag));
                    part = new FileStream(partPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
                }

                foreach (var result in results)
                {
                    var source = ShardOutput(options, result.Shard);
                    var before = part.Length;
                    using (var response = await s3.GetObjectAsync(source.Bucket, source.Key, cancellationToken).ConfigureAwait(false))
                    {
                        await response.ResponseStream.CopyToAsync(part, cancellationToken).ConfigureAwait(false);
                    }

                    if (part.Length - before != result.OutputBytes)
                    {
                        throw new InvalidDataException($"{source}: {part.Length - before} bytes, but shard {result.Shard}'s result says {result.OutputBytes}.");
                    }

                    // Parts but the last must have 5 MiB: small outputs are joined with the next until they do.
                    if (part.Length >= MinPartBytes)
                    {
                        await FlushAsync().ConfigureAwait(false);
                    }
                }

                if (part.Length > 0 || parts.Count == 0)
                {
                    await FlushAsync().ConfigureAwait(false);
                }
            }
            finally
            {
                await part.DisposeAsync().ConfigureAwait(false);
            }

            await s3.CompleteMultipartUploadAsync(
                new CompleteMultipartUploadRequest { BucketName = output.Bucket, Key = output.Key, UploadId = upload.UploadId, PartETags = parts },
                cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Completed {Output} from {Shards} shards in {Parts} parts", output, results.Count, parts.Count);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Not cancellable: a pending upload keeps its parts (and their cost) until aborted.
            await s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = output.Bucket, Key = output.Key, UploadId = upload.UploadId }, CancellationToken.None).ConfigureAwait(false);
            logger.LogError(e, "Aborted the multipart upload of {Output}", output);
            throw;
        }
    }

    private static void Prepare(ShardedPredictionOptions options, IAmazonS3 s3, ref ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(s3);
        options.Validate();
        logger ??= NullLogger.Instance;
    }

    private static async Task<(TextClassifier Classifier, string TextColumn)> LoadAsync(BatchPredictionJobOptions job, IAmazonS3 s3, S3FileStore store, ILogger logger, CancellationToken cancellationToken)
    {
        var work = Path.GetFullPath(job.WorkDirectory);
        var cache = new BatchPredictionJobModelCache(s3, store, Path.Combine(work, "models"), logger);
        var classifier = await BatchPredictionJob.LoadClassifierAsync(cache, S3Location.Parse(job.ModelUri), logger, cancellationToken).ConfigureAwait(false);
        return (classifier, job.TextColumn ?? classifier.Bundle.Options.TextColumn);
    }

    private static async Task<string> BundleTextColumnAsync(BatchPredictionJobOptions job, IAmazonS3 s3, ILogger logger, CancellationToken cancellationToken)
    {
        var (classifier, textColumn) = await LoadAsync(job, s3, new S3FileStore(s3), logger, cancellationToken).ConfigureAwait(false);
        classifier.Dispose();
        return textColumn;
    }

    private static async Task<RangeRead> RangeAsync(IAmazonS3 s3, S3Location input, string eTag, long start, long end, CancellationToken cancellationToken)
    {
        if (end <= start)
        {
            return new RangeRead(null, Stream.Null);
        }

        try
        {
            var response = await s3.GetObjectAsync(
                new GetObjectRequest { BucketName = input.Bucket, Key = input.Key, ByteRange = new ByteRange(start, end - 1), EtagToMatch = Quote(eTag) }, cancellationToken).ConfigureAwait(false);
            return new RangeRead(response, response.ResponseStream);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            throw new S3ObjectChangedException(input, eTag, e);
        }
    }

    private static async Task RecordFailureAsync(IAmazonS3 s3, ShardedPredictionOptions options, string step, Exception error, ILogger logger)
    {
        var job = options.Job;
        var record = new JsonObjectBuilder()
            .Add("input", new S3Location(job.Bucket, job.Key).ToString())
            .Add("input_etag", job.InputETag ?? "")
            .Add("run", options.Run)
            .Add("failed", step)
            .Add("reason", $"{error.GetType().Name}: {error.Message}")
            .Add("attempts", options.Attempts.ToString(CultureInfo.InvariantCulture))
            .Add("batch_job_id", Environment.GetEnvironmentVariable(BatchPredictionJob.BatchJobIdVariable) ?? "")
            .Add("failed_utc", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture))
            .ToJson();
        var location = new S3Location(job.ResultsBucket, BatchPredictionJobOutputNames.FailureKey(job.Key, job.ResultsPrefix));
        try
        {
            await PutTextAsync(s3, location, record, CancellationToken.None).ConfigureAwait(false);
            logger.LogError(error, "{Step} of {Input} failed for good; recorded in {Record}", step, job.Key, location);
        }
        catch (Exception e) when (e is AmazonS3Exception or IOException or HttpRequestException)
        {
            // The job's own failure is what Batch reports; a record that cannot be written must not hide it.
            logger.LogError(e, "Could not record the failure of {Step} in {Record}", step, location);
        }
    }

    private static async Task DeleteWorkAsync(IAmazonS3 s3, ShardedPredictionOptions options, CancellationToken cancellationToken)
    {
        var prefix = WorkPrefix(options);
        foreach (var item in await new S3FileStore(s3).ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            await s3.DeleteObjectAsync(item.Location.Bucket, item.Location.Key, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<ShardedPredictionRun> ReadRunAsync(IAmazonS3 s3, ShardedPredictionOptions options, CancellationToken cancellationToken)
    {
        var location = RunFile(options);
        return ShardedPredictionRun.FromJson(await GetTextAsync(s3, location, $"the plan step of run {options.Run} has not written it", cancellationToken).ConfigureAwait(false), location.ToString());
    }

    private static async Task<ShardedPredictionShardResult> ReadShardResultAsync(IAmazonS3 s3, ShardedPredictionOptions options, int index, CancellationToken cancellationToken)
    {
        var location = ShardResultFile(options, index);
        var json = await GetTextAsync(s3, location, $"shard {index} has no result: its child did not finish", cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize<ShardedPredictionShardResult>(json) ?? throw new InvalidDataException($"{location}: empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{location}: shard {index}'s result is not valid ({e.Message}).", e);
        }
    }

    private static async Task<BatchPredictionJobManifest> ReadManifestAsync(IAmazonS3 s3, S3Location location, CancellationToken cancellationToken) =>
        BatchPredictionJobManifest.FromJson(await GetTextAsync(s3, location, "the complete output found by the plan step is gone", cancellationToken).ConfigureAwait(false), location.ToString());

    private static async Task<string> GetTextAsync(IAmazonS3 s3, S3Location location, string whenMissing, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await s3.GetObjectAsync(location.Bucket, location.Key, cancellationToken).ConfigureAwait(false);
            using var reader = new StreamReader(response.ResponseStream, Encoding.UTF8);
            return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new InvalidDataException($"{location} does not exist: {whenMissing}.", e);
        }
    }

    private static async Task<string> PutTextAsync(IAmazonS3 s3, S3Location location, string text, CancellationToken cancellationToken)
    {
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = location.Bucket, Key = location.Key, ContentBody = text, ContentType = "application/json" }, cancellationToken).ConfigureAwait(false);
        return text;
    }

    private static string Quote(string eTag) => $"\"{eTag}\"";

    private static S3Location Output(BatchPredictionJobOptions job) => new(job.ResultsBucket, BatchPredictionJobOutputNames.OutputKey(job.Key, job.ResultsPrefix));

    private static S3Location Manifest(BatchPredictionJobOptions job) => new(job.ResultsBucket, BatchPredictionJobOutputNames.ManifestKey(job.Key, job.ResultsPrefix));

    private static S3Location WorkPrefix(ShardedPredictionOptions options) => new(options.Job.ResultsBucket, $"{options.WorkPrefix}{options.Run}/");

    private static S3Location RunFile(ShardedPredictionOptions options) => WorkPrefix(options).Append("run.json");

    private static S3Location ShardOutput(ShardedPredictionOptions options, int index) =>
        WorkPrefix(options).Append(string.Create(CultureInfo.InvariantCulture, $"shards/{index:D5}.csv"));

    private static S3Location ShardResultFile(ShardedPredictionOptions options, int index) =>
        WorkPrefix(options).Append(string.Create(CultureInfo.InvariantCulture, $"shards/{index:D5}.json"));

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temporary folder must not turn a finished step into a failed one.
        }
    }

    /// <summary>A ranged read and the response that owns its stream.</summary>
    private sealed record RangeRead(GetObjectResponse? Response, Stream Stream) : IDisposable
    {
        public void Dispose() => Response?.Dispose();
    }

    private sealed class JsonObjectBuilder
    {
        private readonly System.Text.Json.Nodes.JsonObject _json = [];

        public JsonObjectBuilder Add(string name, string value)
        {
            _json[name] = value;
            return this;
        }

        public string ToJson() => _json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    // Synchronous, unlike Progress<T>, so that reports arrive in order and while the step runs.
    private sealed class PredictionProgress(IProgress<BatchPredictionJobProgress> inner) : IProgress<CsvPredictionProgress>
    {
        public void Report(CsvPredictionProgress value) =>
            inner.Report(new BatchPredictionJobProgress(BatchPredictionJobStage.Predicting, value.RowsDone, value.Fraction));
    }
}
