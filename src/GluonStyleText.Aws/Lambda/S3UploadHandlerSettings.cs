namespace GluonStyleText.Aws.Lambda;

/// <summary>What <see cref="S3UploadHandler"/> submits jobs to, and which bucket it watches.</summary>
public sealed record S3UploadHandlerSettings
{
    /// <summary>The environment variable naming the Batch job queue.</summary>
    public const string JobQueueVariable = "JOB_QUEUE";

    /// <summary>The environment variable naming the Batch job definition.</summary>
    public const string JobDefinitionVariable = "JOB_DEFINITION";

    /// <summary>The environment variable naming the bucket whose uploads are classified.</summary>
    public const string PredictBucketVariable = "PREDICT_BUCKET";

    /// <summary>The Batch job queue's name or ARN.</summary>
    public required string JobQueue { get; init; }

    /// <summary>The Batch job definition's name, <c>name:revision</c> or ARN.</summary>
    public required string JobDefinition { get; init; }

    /// <summary>The only bucket whose uploads start jobs; events of other buckets are ignored.</summary>
    public required string PredictBucket { get; init; }

    /// <summary>When and how uploads are split across an array job; null (no <c>SHARD_JOB_DEFINITION</c>) gives every upload one job.</summary>
    public ShardingSettings? Sharding { get; init; }

    /// <summary>The AWS region of the Batch API; null resolves it as the SDKs do (Lambda sets <c>AWS_REGION</c>).</summary>
    public string? Region { get; init; }

    /// <summary>The settings from the Lambda function's environment (<c>JOB_QUEUE</c>, <c>JOB_DEFINITION</c>, <c>PREDICT_BUCKET</c>).</summary>
    /// <exception cref="InvalidOperationException">A variable is not set.</exception>
    public static S3UploadHandlerSettings FromEnvironment() => FromEnvironment(Environment.GetEnvironmentVariable);

    /// <summary><see cref="FromEnvironment()"/> reading variables through <paramref name="getVariable"/>.</summary>
    /// <param name="getVariable">Returns an environment variable's value, or null when it is not set.</param>
    /// <exception cref="InvalidOperationException">A variable is not set.</exception>
    public static S3UploadHandlerSettings FromEnvironment(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        return new S3UploadHandlerSettings
        {
            JobQueue = Required(getVariable, JobQueueVariable, "the AWS Batch job queue"),
            JobDefinition = Required(getVariable, JobDefinitionVariable, "the AWS Batch job definition"),
            PredictBucket = Required(getVariable, PredictBucketVariable, "the bucket whose .csv uploads are classified"),
            Sharding = ShardingSettings.FromEnvironment(getVariable),
        };
    }

    private static string Required(Func<string, string?> getVariable, string name, string what) =>
        getVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"The environment variable {name} is not set; it names {what} (the stack's Lambda function sets it).");
}
