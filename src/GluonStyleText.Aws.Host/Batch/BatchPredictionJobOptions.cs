using GluonStyleText.Aws.Lambda;
using GluonStyleText.Aws.Storage;
using GluonStyleText.Prediction;

namespace GluonStyleText.Aws.Host.Batch;

/// <summary>
/// One batch prediction job: which uploaded CSV file to classify, with which model bundle, and
/// where the results go. In the container, <see cref="FromEnvironment(string, string)"/> takes the
/// bucket and key from the job's command line and the rest from the job definition's environment.
/// </summary>
public sealed class BatchPredictionJobOptions
{
    /// <summary>The environment variable naming the model bundle: an S3 folder prefix (a bundle folder, or a SageMaker job's <c>output/</c> holding <c>model.tar.gz</c>), or a <c>.zip</c> or <c>.tar.gz</c> object.</summary>
    public const string ModelUriVariable = "MODEL_URI";

    /// <summary>The environment variable naming the bucket results are written to.</summary>
    public const string ResultsBucketVariable = "RESULTS_BUCKET";

    /// <summary>Optional environment variable: a key prefix for the results, such as <c>predictions/</c>.</summary>
    public const string ResultsPrefixVariable = "RESULTS_PREFIX";

    /// <summary>Optional environment variable: the local folder for downloads and the model cache.</summary>
    public const string WorkDirectoryVariable = "WORK_DIRECTORY";

    /// <summary>The bucket of the CSV file to classify. Required.</summary>
    public string Bucket { get; set; } = "";

    /// <summary>The key of the CSV file to classify, decoded (<c>my reviews.csv</c>, not <c>my+reviews.csv</c>). Required.</summary>
    public string Key { get; set; } = "";

    /// <summary>
    /// The ETag of the uploaded object that the job is to classify (the job's <c>--etag</c>, from
    /// the S3 event); null or <see cref="AnyETag"/> classifies whatever the key holds. When set,
    /// the job reads exactly that object and fails if the key has been overwritten since: the
    /// newer upload has its own event and job, and the manifest always describes what was classified.
    /// </summary>
    public string? InputETag { get; set; }

    /// <summary>The <c>--etag</c> value (the job definition's default) that names no particular object version.</summary>
    public const string AnyETag = S3UploadHandler.AnyETag;

    /// <summary>
    /// The model bundle: <c>s3://bucket/bundles/current/</c> (a bundle folder), <c>s3://bucket/model.zip</c>, a SageMaker
    /// <c>s3://bucket/sagemaker/job/output/model.tar.gz</c>, or that job's <c>output/</c> prefix. Required.
    /// </summary>
    public string ModelUri { get; set; } = "";

    /// <summary>The bucket the output CSV file and its manifest are written to. Required.</summary>
    public string ResultsBucket { get; set; } = "";

    /// <summary>
    /// A key prefix for the results; empty (the default) writes them at the input key's own folder
    /// path: <c>claims/may.csv</c> gives <c>claims/may_output.csv</c>.
    /// </summary>
    public string ResultsPrefix { get; set; } = "";

    /// <summary>Local folder for the downloaded input, the output before upload, and the model cache. Default: a folder in the system temp folder.</summary>
    public string WorkDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "gluonstyletext-batch");

    /// <summary>The column holding the texts; null (the default) uses the bundle's <c>text_column</c>.</summary>
    public string? TextColumn { get; set; }

    /// <summary>Also write one <c>probability_&lt;label&gt;</c> column per class. Default false.</summary>
    public bool IncludeClassProbabilities { get; set; }

    /// <summary>Rows per forward pass. Default <see cref="TextClassifier.DefaultBatchSize"/> (64).</summary>
    public int BatchSize { get; set; } = TextClassifier.DefaultBatchSize;

    /// <summary>
    /// CPU threads for the model; null (the default) uses one per processor. Predictions are
    /// byte-for-byte repeatable for a given thread count, which the job definition fixes (vCPUs).
    /// </summary>
    public int? Threads { get; set; }

    /// <summary>
    /// When the results bucket already holds a complete output of the same input object (same
    /// ETag) and model, keep it instead of classifying again (a duplicate S3 event, a retry after
    /// the upload). Default true.
    /// </summary>
    public bool ReuseCompleteOutput { get; set; } = true;

    /// <summary>The job's options from the container's environment (<c>MODEL_URI</c>, <c>RESULTS_BUCKET</c>, optional <c>RESULTS_PREFIX</c>, <c>WORK_DIRECTORY</c>).</summary>
    /// <param name="bucket">The bucket of the file to classify (the job's <c>--bucket</c>).</param>
    /// <param name="key">The key of the file to classify (the job's <c>--key</c>).</param>
    /// <exception cref="InvalidOperationException">A required environment variable is not set.</exception>
    public static BatchPredictionJobOptions FromEnvironment(string bucket, string key) =>
        FromEnvironment(bucket, key, Environment.GetEnvironmentVariable);

    /// <summary><see cref="FromEnvironment(string, string)"/> reading variables through <paramref name="getVariable"/>.</summary>
    /// <param name="bucket">The bucket of the file to classify.</param>
    /// <param name="key">The key of the file to classify.</param>
    /// <param name="getVariable">Returns an environment variable's value, or null when it is not set.</param>
    /// <exception cref="InvalidOperationException">A required environment variable is not set.</exception>
    public static BatchPredictionJobOptions FromEnvironment(string bucket, string key, Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        var options = new BatchPredictionJobOptions
        {
            Bucket = bucket,
            Key = key,
            ModelUri = Required(getVariable, ModelUriVariable, "the model bundle, e.g. s3://models-bucket/bundles/current/"),
            ResultsBucket = Required(getVariable, ResultsBucketVariable, "the bucket results are written to"),
            ResultsPrefix = getVariable(ResultsPrefixVariable) ?? "",
        };
        if (getVariable(WorkDirectoryVariable) is { Length: > 0 } work)
        {
            options.WorkDirectory = work;
        }

        return options;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first missing or invalid setting.</summary>
    public void Validate()
    {
        RequireText(Bucket, nameof(Bucket));
        RequireText(Key, nameof(Key));
        RequireText(ModelUri, nameof(ModelUri));
        RequireText(ResultsBucket, nameof(ResultsBucket));
        RequireText(WorkDirectory, nameof(WorkDirectory));
        if (Key.EndsWith('/'))
        {
            throw new ArgumentException($"{nameof(BatchPredictionJobOptions)}.{nameof(Key)} '{Key}' names a folder, not a CSV file.", nameof(Key));
        }

        if (!S3Location.TryParse(ModelUri, out _))
        {
            throw new ArgumentException(
                $"{nameof(BatchPredictionJobOptions)}.{nameof(ModelUri)} '{ModelUri}' is not an S3 location such as s3://bucket/bundles/current/ or s3://bucket/model.zip.", nameof(ModelUri));
        }

        if (BatchSize < 1)
        {
            throw new ArgumentException($"{nameof(BatchPredictionJobOptions)}.{nameof(BatchSize)} must be at least 1 (was {BatchSize}).", nameof(BatchSize));
        }

        if (Threads is < 1)
        {
            throw new ArgumentException($"{nameof(BatchPredictionJobOptions)}.{nameof(Threads)} must be at least 1 when set (was {Threads}).", nameof(Threads));
        }

        if (TextColumn is not null && string.IsNullOrWhiteSpace(TextColumn))
        {
            throw new ArgumentException($"{nameof(BatchPredictionJobOptions)}.{nameof(TextColumn)} must not be blank when set.", nameof(TextColumn));
        }

        // Bucket names are checked by S3Location, with S3's own rules.
        _ = new S3Location(Bucket, Key);
        _ = new S3Location(ResultsBucket, ResultsPrefix ?? "");
    }

    private static string Required(Func<string, string?> getVariable, string name, string what) =>
        getVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"The environment variable {name} is not set; it names {what} (the job definition sets it).");

    private static void RequireText(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{nameof(BatchPredictionJobOptions)}.{name} is required.", name);
        }
    }
}
