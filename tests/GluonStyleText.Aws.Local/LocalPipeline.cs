using System.Net;
using System.Text;
using Amazon.S3;
using GluonStyleText.Aws.Batch;
using GluonStyleText.Aws.Host.Batch;
using GluonStyleText.Aws.Lambda;
using GluonStyleText.Aws.Storage;
using GluonStyleText.Prediction;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GluonStyleText.Aws.Local;

/// <summary>
/// The AWS prediction pipeline on one machine, with the same code as in AWS: a local S3 server
/// holds the predict, results and models buckets; every object-created event it reports goes,
/// through a local upload queue with the stack's SQS retry and dead-letter semantics, to the
/// Lambda function's <see cref="S3UploadHandler"/> as an SQS event, whose Batch jobs run in
/// <see cref="LocalBatchJobs"/> as the container's <see cref="BatchPredictionJob"/>, configured
/// through the same environment variables (<c>MODEL_URI</c>, <c>RESULTS_BUCKET</c>).
/// </summary>
public sealed partial class LocalPipeline : IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly LocalPipelineOptions _options;
    private readonly ILogger _logger;
    private readonly bool _ownsServer;
    private readonly string? _ownedWorkDirectory;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<string, int> _uploads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<HandledUpload>> _handled = new(StringComparer.Ordinal);
    private readonly LocalUploadQueue _queue;
    private Task _eventPump = Task.CompletedTask;
    private Task _delivery = Task.CompletedTask;
    private int _disposed;

    private LocalPipeline(LocalPipelineOptions options, LocalS3Server server, bool ownsServer, string workDirectory, bool ownsWorkDirectory, ILogger logger)
    {
        this._options = options;
        this._logger = logger;
        this._ownsServer = ownsServer;
        Server = server;
        WorkDirectory = workDirectory;
        _ownedWorkDirectory = ownsWorkDirectory ? workDirectory : null;
        Client = server.CreateClient();
        Store = new S3FileStore(Client);
        ModelUri = new S3Location(options.ModelsBucket, "");
        _queue = new LocalUploadQueue(options.MaxReceiveCount, options.RedeliveryDelay, TimeProvider.System);
        Jobs = new LocalBatchJobs(RunPredictionJobAsync, options.JobConcurrency, logger);
        Handler = new S3UploadHandler(
            options.HandlerBatchJobs?.Invoke(Jobs) ?? Jobs,
            new S3UploadHandlerSettings { JobQueue = options.JobQueue, JobDefinition = options.JobDefinition, PredictBucket = options.PredictBucket, Sharding = options.Sharding },
            new LoggerLineWriter(logger));
    }

    /// <summary>The local S3 server; point any S3 client at <see cref="LocalS3Server.ServiceUrl"/> to upload files.</summary>
    public LocalS3Server Server { get; }

    /// <summary>A client of the server, owned by the pipeline.</summary>
    public IAmazonS3 Client { get; }

    /// <summary>Files and folders on the server.</summary>
    public S3FileStore Store { get; }

    /// <summary>The Lambda handler every event goes to.</summary>
    public S3UploadHandler Handler { get; }

    /// <summary>The job runner the handler submits to.</summary>
    public LocalBatchJobs Jobs { get; }

    /// <summary>The S3 events the Lambda handler failed on every delivery (the stack's dead-letter queue).</summary>
    public IReadOnlyList<LocalDeadLetter> DeadLetters => _queue.DeadLetters;

    /// <summary>Where the bundle was uploaded: what the jobs get as <c>MODEL_URI</c>.</summary>
    public S3Location ModelUri { get; private set; }

    /// <summary>The jobs' work folder (downloads, model cache).</summary>
    public string WorkDirectory { get; }

    /// <summary>The bucket whose <c>.csv</c> uploads are classified.</summary>
    public string PredictBucket => _options.PredictBucket;

    /// <summary>The bucket results are written to.</summary>
    public string ResultsBucket => _options.ResultsBucket;

    /// <summary>
    /// Starts the pipeline: the S3 server (unless given), the three buckets, the bundle upload to
    /// the models bucket, and the loop that hands each S3 event to the Lambda handler.
    /// </summary>
    /// <param name="options">The bundle, buckets and server.</param>
    /// <param name="logger">Receives the handler's JSON lines and the jobs' progress.</param>
    /// <param name="cancellationToken">Stops the start-up.</param>
    /// <exception cref="ArgumentException">An option is missing or invalid.</exception>
    /// <exception cref="GluonStyleText.Bundles.BundleFormatException">The bundle cannot be loaded.</exception>
    public static async Task<LocalPipeline> StartAsync(LocalPipelineOptions options, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        logger ??= NullLogger.Instance;
        // Fail on a bad bundle before anything starts.
        TextClassifier.Load(options.BundlePath).Dispose();

        var server = options.Server ?? await LocalS3Server.StartAsync(options.ServerOptions, cancellationToken).ConfigureAwait(false);
        var ownsWork = options.WorkDirectory is null;
        var work = options.WorkDirectory ?? Directory.CreateTempSubdirectory("gluonstyletext-pipeline-").FullName;
        var pipeline = new LocalPipeline(options, server, ownsServer: options.Server is null, work, ownsWork, logger);
        try
        {
            await pipeline.CreateBucketsAsync(cancellationToken).ConfigureAwait(false);
            await pipeline.UploadBundleAsync(cancellationToken).ConfigureAwait(false);
            pipeline._eventPump = Task.Run(() => pipeline.PumpEventsAsync(pipeline._stopping.Token), CancellationToken.None);
            pipeline._delivery = Task.Run(() => pipeline.DeliverAsync(pipeline._stopping.Token), CancellationToken.None);
            LogStarted(logger, server.ServiceUrl, options.PredictBucket, options.ResultsBucket, pipeline.ModelUri.ToString());
            return pipeline;
        }
        catch
        {
            await pipeline.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Uploads a CSV file to the predict bucket, which starts its prediction job.</summary>
    /// <param name="localCsvPath">The file to classify.</param>
    /// <param name="key">The key to upload to; null for the file's name.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>Where the file was uploaded.</returns>
    public async Task<S3Location> UploadAsync(string localCsvPath, string? key = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(localCsvPath);
        var destination = new S3Location(_options.PredictBucket, key ?? Path.GetFileName(localCsvPath));
        var uploaded = await Store.UploadFileAsync(localCsvPath, destination, cancellationToken: cancellationToken).ConfigureAwait(false);
        lock (_handled)
        {
            _uploads[uploaded.Key] = _uploads.GetValueOrDefault(uploaded.Key) + 1;
        }

        return uploaded;
    }

    /// <summary>
    /// Waits until every upload of <paramref name="key"/> made through <see cref="UploadAsync"/> has
    /// been handled and its jobs have finished, and returns the output of the last one.
    /// </summary>
    /// <param name="key">The decoded key uploaded to the predict bucket, such as <c>my reviews.csv</c>.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The output and manifest locations, the manifest and the job's status.</returns>
    /// <exception cref="InvalidOperationException">The upload started no job (and why), or its job failed (and why).</exception>
    /// <exception cref="TimeoutException">Not finished within <paramref name="timeout"/>.</exception>
    public async Task<LocalPipelineOutput> WaitForOutputAsync(string key, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                if (await TryGetOutputAsync(key, deadline.Token).ConfigureAwait(false) is { } output)
                {
                    return output;
                }

                await Task.Delay(PollInterval, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No output for s3://{_options.PredictBucket}/{key} within {timeout.TotalSeconds:0.#} s: {Describe(key)}.");
        }
    }

    /// <summary>Downloads an output CSV file and its manifest into a folder.</summary>
    /// <param name="output">The output, from <see cref="WaitForOutputAsync"/>.</param>
    /// <param name="directory">The folder to write into (created when missing).</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The local paths of the output CSV file and of the manifest.</returns>
    public async Task<(string OutputPath, string ManifestPath)> DownloadOutputAsync(
        LocalPipelineOutput output, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var outputPath = Path.Combine(directory, output.Output.Name);
        var manifestPath = Path.Combine(directory, output.ManifestLocation.Name);
        await Store.DownloadFileAsync(output.Output, outputPath, cancellationToken: cancellationToken).ConfigureAwait(false);
        await Store.DownloadFileAsync(output.ManifestLocation, manifestPath, cancellationToken: cancellationToken).ConfigureAwait(false);
        return (outputPath, manifestPath);
    }

    /// <summary>Stops handling events, stops the jobs, and stops the server and deletes the work folder when the pipeline created them.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _eventPump.ConfigureAwait(false);
        await _delivery.ConfigureAwait(false);
        await Jobs.DisposeAsync().ConfigureAwait(false);
        Client.Dispose();
        if (_ownsServer)
        {
            await Server.DisposeAsync().ConfigureAwait(false);
        }

        if (_ownedWorkDirectory is not null && Directory.Exists(_ownedWorkDirectory))
        {
            Directory.Delete(_ownedWorkDirectory, recursive: true);
        }

        _stopping.Dispose();
    }

    private static void Validate(LocalPipelineOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.BundlePath))
        {
            throw new ArgumentException($"{nameof(LocalPipelineOptions)}.{nameof(LocalPipelineOptions.BundlePath)} is required: a model bundle folder, .zip or .tar.gz file.", nameof(options));
        }

        if (options.MaxReceiveCount < 1 || options.RedeliveryDelay < TimeSpan.Zero)
        {
            throw new ArgumentException(
                $"{nameof(LocalPipelineOptions)}.{nameof(LocalPipelineOptions.MaxReceiveCount)} must be at least 1 (was {options.MaxReceiveCount}) and {nameof(LocalPipelineOptions.RedeliveryDelay)} at least zero (was {options.RedeliveryDelay}).",
                nameof(options));
        }

        var buckets = new[] { options.PredictBucket, options.ResultsBucket, options.ModelsBucket };
        foreach (var bucket in buckets)
        {
            _ = new S3Location(bucket, "");
        }

        if (buckets.Distinct(StringComparer.Ordinal).Count() != buckets.Length)
        {
            throw new ArgumentException($"The predict, results and models buckets must be three different buckets (got {string.Join(", ", buckets)}).", nameof(options));
        }
    }

    private async Task CreateBucketsAsync(CancellationToken cancellationToken)
    {
        foreach (var bucket in new[] { _options.PredictBucket, _options.ResultsBucket, _options.ModelsBucket })
        {
            try
            {
                await Client.PutBucketAsync(bucket, cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.Conflict)
            {
                // BucketAlreadyExists / BucketAlreadyOwnedByYou: a given server may already have it.
            }
        }
    }

    private async Task UploadBundleAsync(CancellationToken cancellationToken)
    {
        var prefix = new S3Location(_options.ModelsBucket, _options.ModelPrefix).AsPrefix();
        if (Directory.Exists(_options.BundlePath))
        {
            await Store.UploadDirectoryAsync(_options.BundlePath, prefix, cancellationToken: cancellationToken).ConfigureAwait(false);
            ModelUri = prefix;
        }
        else
        {
            ModelUri = await Store.UploadFileAsync(_options.BundlePath, prefix, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    // The job definition: the container's job, configured through its environment as in AWS.
    private Task RunPredictionJobAsync(BatchJobRequest request, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [BatchPredictionJobOptions.ModelUriVariable] = ModelUri.ToString(),
            [BatchPredictionJobOptions.ResultsBucketVariable] = _options.ResultsBucket,
            [BatchPredictionJobOptions.WorkDirectoryVariable] = WorkDirectory,
        };
        foreach (var (name, value) in request.Environment ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        var jobOptions = BatchPredictionJobOptions.FromEnvironment(request.Parameters["bucket"], request.Parameters["key"], environment.GetValueOrDefault);
        jobOptions.Threads = _options.Threads;
        jobOptions.BatchSize = _options.BatchSize;
        jobOptions.InputETag = request.Parameters.GetValueOrDefault(S3UploadHandler.ETagParameter);
        var s3 = _options.JobClient ?? Client;
        if (!request.Parameters.TryGetValue(ShardedJobSteps.StepParameter, out var step))
        {
            return BatchPredictionJob.RunAsync(jobOptions, s3, _logger, progress: null, cancellationToken);
        }

        // The shard job definition: the container's command is its step, as Ref::step gives it in AWS.
        var sharded = ShardedPredictionOptions.FromEnvironment(
            jobOptions,
            request.Parameters[ShardedJobSteps.RunParameter],
            int.Parse(request.Parameters[ShardedJobSteps.ShardsParameter], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(request.Parameters[ShardedJobSteps.AttemptsParameter], System.Globalization.CultureInfo.InvariantCulture),
            environment.GetValueOrDefault);
        return step switch
        {
            ShardedJobSteps.Plan => ShardedPredictionJob.PlanAsync(sharded, s3, _logger, cancellationToken),
            ShardedJobSteps.PredictShard => ShardedPredictionJob.PredictShardAsync(
                sharded, s3, _logger, _options.OnShardProgress is { } hook ? new ShardHook(hook, sharded.ArrayIndex, sharded.Attempt) : null, cancellationToken),
            ShardedJobSteps.Assemble => ShardedPredictionJob.AssembleAsync(sharded, s3, _logger, cancellationToken),
            _ => throw new InvalidOperationException($"The shard job definition has no step '{step}'."),
        };
    }

    private async Task PumpEventsAsync(CancellationToken cancellationToken)
    {
        try
        {
            // S3 sends every object-created event of the predict bucket to the queue (no filter, as in the stack).
            await foreach (var json in Server.EventsAsync(cancellationToken).ConfigureAwait(false))
            {
                _queue.Send(json);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Disposing.
        }
    }

    // Lambda's SQS event source: receive a batch, invoke the handler, delete what it handled.
    private async Task DeliverAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var batch = await _queue.ReceiveAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    using var input = new MemoryStream(Encoding.UTF8.GetBytes(LocalUploadQueue.ToSqsEvent(batch)));
                    var response = await Handler.ProcessAsync(input, cancellationToken).ConfigureAwait(false);
                    Record(response);
                    var failed = response.BatchItemFailures.Select(failure => failure.ItemIdentifier).ToHashSet(StringComparer.Ordinal);
                    foreach (var message in batch)
                    {
                        if (failed.Contains(message.Id))
                        {
                            LogDeliveryFailed(_logger, message.Id, message.ReceiveCount, _options.MaxReceiveCount);
                            _queue.Fail(message, "the Lambda handler reported it as a batch item failure (its log says why)");
                        }
                        else
                        {
                            _queue.Delete(message);
                        }
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
                {
                    // The whole batch failed, as a thrown Lambda invocation does: every message is delivered again.
                    LogEventFailed(_logger, e);
                    foreach (var message in batch)
                    {
                        _queue.Fail(message, $"{e.GetType().Name}: {e.Message}");
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Disposing.
        }
    }

    private void Record(S3UploadHandlerResponse response)
    {
        lock (_handled)
        {
            foreach (var job in response.Submitted)
            {
                Handled(job.Key).Add(new HandledUpload(job.JobId, null));
            }

            foreach (var ignored in response.Ignored.Where(record => record.Bucket == _options.PredictBucket))
            {
                Handled(ignored.Key).Add(new HandledUpload(null, ignored.Reason));
            }
        }
    }

    private List<HandledUpload> Handled(string key)
    {
        if (!_handled.TryGetValue(key, out var list))
        {
            _handled[key] = list = [];
        }

        return list;
    }

    private async Task<LocalPipelineOutput?> TryGetOutputAsync(string key, CancellationToken cancellationToken)
    {
        // Every upload ends as handled records or as a dead letter; wait until all have.
        var deadLetters = _queue.DeadLetters.Where(letter => letter.Keys.Contains(key)).ToList();
        List<HandledUpload> records;
        lock (_handled)
        {
            records = [.. _handled.GetValueOrDefault(key) ?? []];
            if (records.Count == 0 && deadLetters.Count == 0 || records.Count + deadLetters.Count < _uploads.GetValueOrDefault(key))
            {
                return null;
            }
        }

        if (deadLetters.Count > 0)
        {
            throw new InvalidOperationException(
                $"The S3 event of s3://{_options.PredictBucket}/{key} moved to the dead-letter queue after {deadLetters[^1].ReceiveCount} deliveries: {deadLetters[^1].LastError}.");
        }

        var last = records[^1];
        if (last.JobId is null)
        {
            throw new InvalidOperationException($"Uploading s3://{_options.PredictBucket}/{key} started no prediction job: {last.IgnoredReason}.");
        }

        var statuses = await Jobs.DescribeJobsAsync(records.Select(record => record.JobId).OfType<string>().ToList(), cancellationToken).ConfigureAwait(false);
        if (statuses.Any(status => !status.IsFinished))
        {
            return null;
        }

        var job = statuses.Single(status => status.JobId == last.JobId);
        if (job.Status != Batch.BatchJobState.Succeeded)
        {
            throw new InvalidOperationException($"The prediction job {job.JobName} for s3://{_options.PredictBucket}/{key} failed: {job.StatusReason}");
        }

        var output = new S3Location(_options.ResultsBucket, BatchPredictionJobOutputNames.OutputKey(key));
        var manifestLocation = new S3Location(_options.ResultsBucket, BatchPredictionJobOutputNames.ManifestKey(key));
        using var response = await Client.GetObjectAsync(manifestLocation.Bucket, manifestLocation.Key, cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(response.ResponseStream);
        var manifest = BatchPredictionJobManifest.FromJson(await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false), manifestLocation.ToString());
        return new LocalPipelineOutput(output, manifestLocation, manifest, job);
    }

    private string Describe(string key)
    {
        lock (_handled)
        {
            var records = _handled.GetValueOrDefault(key) ?? [];
            var jobs = records.Select(record => record.JobId).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var states = Jobs.ListJobs().Where(job => jobs.Contains(job.JobId)).Select(job => $"{job.JobName} {job.RawStatus}");
            return $"{_uploads.GetValueOrDefault(key)} upload(s), {records.Count} event record(s) handled, jobs: [{string.Join(", ", states)}]";
        }
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Information, Message = "Local pipeline ready: S3 at {Endpoint}; upload .csv files to bucket '{PredictBucket}', results appear in '{ResultsBucket}'; model {ModelUri}")]
    private static partial void LogStarted(ILogger logger, string endpoint, string predictBucket, string resultsBucket, string modelUri);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Error, Message = "The Lambda handler failed on a batch of S3 events; each is delivered again")]
    private static partial void LogEventFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5203, Level = LogLevel.Warning, Message = "Upload queue message {MessageId} failed delivery {ReceiveCount} of {MaxReceiveCount}")]
    private static partial void LogDeliveryFailed(ILogger logger, string messageId, int receiveCount, int maxReceiveCount);

    private sealed record HandledUpload(string? JobId, string? IgnoredReason);

    private sealed class ShardHook(Action<int, int, BatchPredictionJobProgress> hook, int index, int attempt) : IProgress<BatchPredictionJobProgress>
    {
        public void Report(BatchPredictionJobProgress value) => hook(index, attempt, value);
    }
}
