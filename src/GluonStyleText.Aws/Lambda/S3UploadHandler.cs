using System.Text;
using System.Text.Json;
using GluonStyleText.Aws.Batch;
using GluonStyleText.Aws.Configuration;

namespace GluonStyleText.Aws.Lambda;

/// <summary>
/// The Lambda function of the prediction pipeline (handler
/// <c>GluonStyleText.Aws::GluonStyleText.Aws.Lambda.S3UploadHandler::HandleAsync</c>): for every
/// <c>.csv</c> file (any case) created in the predict bucket it submits one AWS Batch job whose
/// parameters <c>bucket</c>, <c>key</c> and <c>etag</c> reach the job's command line. Other
/// objects and events, and keys a job cannot handle safely, are ignored with a logged reason.
/// Each action is logged as one JSON line on standard output.
/// </summary>
/// <remarks>
/// In the stack the events arrive through an SQS queue: a message whose submission fails is
/// reported back for redelivery, and ends in the queue's dead-letter queue when it keeps failing.
/// S3 and SQS may deliver an event twice. The job name is derived from bucket, key and ETag, so both
/// submissions carry the same name; Batch does not refuse a second job of the same name, but the
/// prediction job is idempotent (same output, or the complete output is kept), so a duplicate
/// costs a little compute and changes nothing.
/// </remarks>
public sealed class S3UploadHandler
{
    /// <summary>The job parameter that carries the uploaded object's ETag (<c>--etag Ref::etag</c> in the job definition).</summary>
    public const string ETagParameter = "etag";

    /// <summary>The <see cref="ETagParameter"/> value (the job definition's default) that names no particular object version.</summary>
    public const string AnyETag = "any";

    private static readonly JsonSerializerOptions ResponseJson = new();

    private readonly IBatchJobs _batch;
    private readonly S3UploadHandlerSettings _settings;
    private readonly LambdaJsonLog _log;

    /// <summary>
    /// The constructor the Lambda runtime calls: settings from <c>JOB_QUEUE</c>,
    /// <c>JOB_DEFINITION</c> and <c>PREDICT_BUCKET</c>, and a Batch client for the function's
    /// region and role.
    /// </summary>
    /// <exception cref="InvalidOperationException">An environment variable or the region is missing.</exception>
    public S3UploadHandler()
        : this(S3UploadHandlerSettings.FromEnvironment())
    {
    }

    /// <summary>A handler that submits to <paramref name="batch"/>: the local pipeline's job runner, or a fake in tests.</summary>
    /// <param name="batch">Where jobs are submitted.</param>
    /// <param name="settings">Job queue, job definition and the watched bucket.</param>
    /// <param name="log">Receives the JSON log lines; null for standard output.</param>
    public S3UploadHandler(IBatchJobs batch, S3UploadHandlerSettings settings, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Sharding?.Validate();
        this._batch = batch;
        this._settings = settings;
        this._log = new LambdaJsonLog(log ?? Console.Out);
    }

    private S3UploadHandler(S3UploadHandlerSettings settings)
        : this(new BatchJsonClient(new AwsClientOptions { Region = settings.Region }), settings)
    {
    }

    /// <summary>
    /// The Lambda entry point: reads the S3 or SQS event, submits the jobs and returns the
    /// <see cref="S3UploadHandlerResponse"/> as JSON. For an S3 event, throws when a submission
    /// fails, so that Lambda retries the event; for an SQS event, names the failed messages in
    /// <c>batchItemFailures</c> (see <see cref="ProcessAsync"/>).
    /// </summary>
    /// <param name="input">The S3 or SQS event JSON.</param>
    /// <returns>JSON listing the submitted and the ignored records.</returns>
    /// <exception cref="InvalidDataException">The input is not an S3 event.</exception>
    public async Task<Stream> HandleAsync(Stream input)
    {
        var response = await ProcessAsync(input, CancellationToken.None).ConfigureAwait(false);
        var output = new MemoryStream();
        await JsonSerializer.SerializeAsync(output, response, ResponseJson).ConfigureAwait(false);
        output.Position = 0;
        return output;
    }

    /// <summary>
    /// Reads the event and submits one job per new <c>.csv</c> file in the predict bucket. The
    /// event is either an S3 event notification or (the stack's wiring) an SQS event whose messages
    /// are S3 event notifications; for the latter, a message whose submission fails is reported in
    /// <see cref="S3UploadHandlerResponse.BatchItemFailures"/> instead of thrown, so that only it is
    /// delivered again and, after the queue's last delivery, moved to its dead-letter queue.
    /// </summary>
    /// <param name="input">The S3 or SQS event JSON.</param>
    /// <param name="cancellationToken">Cancels the submissions.</param>
    /// <returns>The submitted and the ignored records, and the messages to deliver again.</returns>
    /// <exception cref="InvalidDataException">The input is neither an S3 nor an SQS event.</exception>
    public async Task<S3UploadHandlerResponse> ProcessAsync(Stream input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var buffer = new MemoryStream();
        await input.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var bytes = buffer.ToArray();
        var submitted = new List<SubmittedUpload>();
        var ignored = new List<IgnoredUpload>();
        if (SqsEventEnvelope.TryRead(bytes) is not { } messages)
        {
            // An S3 event sent to the function directly: a failure throws and Lambda retries the event.
            await HandleS3EventAsync(bytes, submitted, ignored, cancellationToken).ConfigureAwait(false);
            return new S3UploadHandlerResponse(submitted, ignored);
        }

        var failures = new List<BatchItemFailure>();
        foreach (var message in messages)
        {
            try
            {
                await HandleS3EventAsync(Encoding.UTF8.GetBytes(message.Body), submitted, ignored, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
            {
                // Logged where it failed; SQS delivers the message again (the jobs are idempotent).
                _log.Error("message failed, left on the queue", ("messageId", message.MessageId), ("error", e.Message));
                failures.Add(new BatchItemFailure(message.MessageId));
            }
        }

        return new S3UploadHandlerResponse(submitted, ignored) { BatchItemFailures = failures };
    }

    private async Task HandleS3EventAsync(byte[] json, List<SubmittedUpload> submitted, List<IgnoredUpload> ignored, CancellationToken cancellationToken)
    {
        S3EventParseResult parsed;
        try
        {
            using var input = new MemoryStream(json, writable: false);
            parsed = await S3EventParser.ParseAsync(input, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            _log.Error("rejected the input", ("error", e.Message));
            throw;
        }

        if (parsed.IsTestEvent)
        {
            _log.Info("ignored S3's test event");
        }

        foreach (var record in parsed.Records)
        {
            if (ReasonToIgnore(record) is { } reason)
            {
                ignored.Add(new IgnoredUpload(record.Bucket, record.Key, record.EventName, reason));
                _log.Info("ignored", ("bucket", record.Bucket), ("key", record.Key), ("eventName", record.EventName), ("reason", reason));
                continue;
            }

            submitted.Add(await SubmitAsync(record, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>The name of the job for an uploaded object: the same for the same bucket, key and ETag.</summary>
    /// <param name="bucket">The bucket.</param>
    /// <param name="key">The decoded key.</param>
    /// <param name="eTag">The object's ETag.</param>
    public static string JobName(string bucket, string key, string eTag) => BatchJobNames.Create("predict-" + key, bucket, key, eTag);

    /// <summary>The names of a sharded upload's plan, array and assemble jobs: the same for the same bucket, key and ETag.</summary>
    /// <param name="bucket">The bucket.</param>
    /// <param name="key">The decoded key.</param>
    /// <param name="eTag">The object's ETag.</param>
    /// <returns>Three different, valid job names.</returns>
    public static (string Plan, string Shards, string Assemble) ShardedJobNames(string bucket, string key, string eTag) =>
        (BatchJobNames.Create("plan-" + key, bucket, key, eTag, ShardedJobSteps.Plan),
         BatchJobNames.Create("shards-" + key, bucket, key, eTag, ShardedJobSteps.PredictShard),
         BatchJobNames.Create("assemble-" + key, bucket, key, eTag, ShardedJobSteps.Assemble));

    private async Task<SubmittedUpload> SubmitAsync(S3EventRecord record, CancellationToken cancellationToken)
    {
        if (_settings.Sharding is { } sharding && sharding.ShardCount(record.Size) is var shards and > 1)
        {
            return await SubmitShardedAsync(record, sharding, shards, cancellationToken).ConfigureAwait(false);
        }

        var request = new BatchJobRequest(
            JobName(record.Bucket, record.Key, record.ETag),
            _settings.JobQueue,
            _settings.JobDefinition,
            new Dictionary<string, string>
            {
                ["bucket"] = record.Bucket,
                ["key"] = record.Key,
                [ETagParameter] = record.ETag.Length > 0 ? record.ETag : AnyETag,
            });
        try
        {
            var job = await _batch.SubmitJobAsync(request, cancellationToken).ConfigureAwait(false);
            _log.Info("submitted", ("bucket", record.Bucket), ("key", record.Key), ("eTag", record.ETag), ("jobName", job.JobName), ("jobId", job.JobId));
            return new SubmittedUpload(record.Bucket, record.Key, record.ETag, job.JobName, job.JobId);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Rethrown: Lambda then retries the whole event, and the jobs are idempotent.
            _log.Error("submit failed", ("bucket", record.Bucket), ("key", record.Key), ("jobName", request.JobName), ("error", e.Message));
            throw;
        }
    }

    // Three submissions: if a later one fails the message is delivered again and the earlier jobs are orphans that
    // write only under their own run's work prefix (the plan) or fail (children whose plan never ran are not there).
    private async Task<SubmittedUpload> SubmitShardedAsync(S3EventRecord record, ShardingSettings sharding, int shards, CancellationToken cancellationToken)
    {
        var names = ShardedJobNames(record.Bucket, record.Key, record.ETag);
        // A new run for every delivery: a duplicate event's jobs get the same names but never share work files.
        var run = Guid.NewGuid().ToString("N");
        Dictionary<string, string> Parameters(string step) => new()
        {
            [ShardedJobSteps.StepParameter] = step,
            ["bucket"] = record.Bucket,
            ["key"] = record.Key,
            [ETagParameter] = record.ETag.Length > 0 ? record.ETag : AnyETag,
            [ShardedJobSteps.RunParameter] = run,
            [ShardedJobSteps.ShardsParameter] = shards.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [ShardedJobSteps.AttemptsParameter] = sharding.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        string jobName = names.Plan;
        try
        {
            var plan = await _batch.SubmitJobAsync(
                new BatchJobRequest(names.Plan, _settings.JobQueue, sharding.JobDefinition, Parameters(ShardedJobSteps.Plan)) { RetryAttempts = sharding.Attempts },
                cancellationToken).ConfigureAwait(false);
            jobName = names.Shards;
            var children = await _batch.SubmitJobAsync(
                new BatchJobRequest(names.Shards, _settings.JobQueue, sharding.JobDefinition, Parameters(ShardedJobSteps.PredictShard))
                {
                    ArraySize = shards,
                    DependsOn = [new BatchJobDependency(plan.JobId)],
                    RetryAttempts = sharding.Attempts,
                },
                cancellationToken).ConfigureAwait(false);
            jobName = names.Assemble;
            var assemble = await _batch.SubmitJobAsync(
                new BatchJobRequest(names.Assemble, _settings.JobQueue, sharding.JobDefinition, Parameters(ShardedJobSteps.Assemble))
                {
                    DependsOn = [new BatchJobDependency(children.JobId)],
                    RetryAttempts = sharding.Attempts,
                },
                cancellationToken).ConfigureAwait(false);
            _log.Info(
                "submitted sharded",
                ("bucket", record.Bucket), ("key", record.Key), ("eTag", record.ETag), ("size", record.Size?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""),
                ("shards", shards.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("run", run),
                ("planJobId", plan.JobId), ("shardsJobId", children.JobId), ("jobName", assemble.JobName), ("jobId", assemble.JobId));
            return new SubmittedUpload(record.Bucket, record.Key, record.ETag, assemble.JobName, assemble.JobId) { Shards = shards };
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _log.Error("submit failed", ("bucket", record.Bucket), ("key", record.Key), ("jobName", jobName), ("error", e.Message));
            throw;
        }
    }

    private string? ReasonToIgnore(S3EventRecord record)
    {
        if (!record.EventName.StartsWith("ObjectCreated", StringComparison.Ordinal))
        {
            return $"not an object creation ({record.EventName})";
        }

        if (!string.Equals(record.Bucket, _settings.PredictBucket, StringComparison.Ordinal))
        {
            return $"bucket '{record.Bucket}' is not the predict bucket '{_settings.PredictBucket}'";
        }

        if (!record.Key.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return "not a .csv file";
        }

        if (BatchPredictionJobOutputNames.IsOutputKey(record.Key))
        {
            return "a prediction output (*_output.csv), never classified again";
        }

        return UploadKeyCheck.Problem(record.Key);
    }
}
