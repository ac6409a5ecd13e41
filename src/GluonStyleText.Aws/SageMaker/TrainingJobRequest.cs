using System.Text.RegularExpressions;

namespace GluonStyleText.Aws.SageMaker;

/// <summary>
/// A SageMaker training job running a custom training image in File mode: the <c>training</c>
/// channel is copied from <see cref="TrainingDataS3Uri"/> to
/// <c>/opt/ml/input/data/training</c>, the hyperparameters to
/// <c>/opt/ml/input/config/hyperparameters.json</c>, and <c>/opt/ml/model</c> is uploaded to
/// <see cref="OutputS3Uri"/> as <c>model.tar.gz</c> when the job ends.
/// </summary>
public sealed partial record TrainingJobRequest
{
    /// <summary>The name of the one input channel.</summary>
    public const string TrainingChannelName = "training";

    /// <summary>The most hyperparameters SageMaker accepts.</summary>
    public const int MaxHyperParameters = 100;

    /// <summary>The longest hyperparameter name SageMaker accepts.</summary>
    public const int MaxHyperParameterKeyLength = 256;

    /// <summary>The longest hyperparameter value SageMaker accepts.</summary>
    public const int MaxHyperParameterValueLength = 2500;

    /// <summary>
    /// The folder in the training container that SageMaker keeps in step with <see cref="CheckpointS3Uri"/>: it
    /// copies the checkpoints there before the container starts, and every file written there to S3.
    /// </summary>
    public const string CheckpointLocalPath = "/opt/ml/checkpoints";

    private const int MaxS3UriLength = 1024;
    private const int MaxTrainingImageLength = 255;
    private const int MaxRoleArnLength = 2048;

    /// <summary>The job's name, unique in the account and region; see <see cref="TrainingJobNames"/>.</summary>
    public required string TrainingJobName { get; init; }

    /// <summary>The training image in ECR, such as <c>123456789012.dkr.ecr.eu-west-1.amazonaws.com/gluonstyletext:1.0</c>.</summary>
    public required string TrainingImage { get; init; }

    /// <summary>The IAM role SageMaker assumes to read the data, pull the image and write the model.</summary>
    public required string RoleArn { get; init; }

    /// <summary>The S3 prefix of the training data, such as <c>s3://bucket/imdb/train/</c>.</summary>
    public required string TrainingDataS3Uri { get; init; }

    /// <summary>The S3 prefix under which SageMaker writes <c>&lt;job name&gt;/output/model.tar.gz</c>.</summary>
    public required string OutputS3Uri { get; init; }

    /// <summary>The instance type. Default <c>ml.m5.xlarge</c> (CPU; choose a <c>ml.g*</c> or <c>ml.p*</c> type for a GPU image).</summary>
    public string InstanceType { get; init; } = "ml.m5.xlarge";

    /// <summary>The number of instances. Default 1.</summary>
    public int InstanceCount { get; init; } = 1;

    /// <summary>The size of each instance's storage volume in GB (data, checkpoints). Default 30.</summary>
    public int VolumeSizeInGB { get; init; } = 30;

    /// <summary>Seconds after which SageMaker stops the job. Default 86 400 (one day).</summary>
    public int MaxRuntimeInSeconds { get; init; } = 86_400;

    /// <summary>
    /// Whether the job runs on managed spot capacity: cheaper, but SageMaker may interrupt it and start it again
    /// later, which <see cref="CheckpointS3Uri"/> makes a resume rather than a restart. Requires
    /// <see cref="MaxWaitTimeInSeconds"/>. Default false.
    /// </summary>
    public bool EnableManagedSpotTraining { get; init; }

    /// <summary>
    /// For a managed spot job only, and required for one: seconds after which SageMaker stops the job, counting the
    /// waits for spot capacity as well as the running time, so at least <see cref="MaxRuntimeInSeconds"/>. Null otherwise.
    /// </summary>
    public int? MaxWaitTimeInSeconds { get; init; }

    /// <summary>
    /// The S3 prefix SageMaker keeps the container's <see cref="CheckpointLocalPath"/> in, such as
    /// <c>s3://bucket/sagemaker/job/checkpoints/</c>; null for none. A job started with checkpoints already
    /// there resumes from them.
    /// </summary>
    public string? CheckpointS3Uri { get; init; }

    /// <summary>
    /// Whether the training container runs without network access. Default true: the container
    /// reads its data from /opt/ml/input and writes /opt/ml/model, which SageMaker copies from and
    /// to S3 itself, so it never needs the network (and the stack's launcher policy requires it).
    /// </summary>
    public bool EnableNetworkIsolation { get; init; } = true;

    /// <summary>Hyperparameters passed to the training code: at most 100, names up to 256 and values up to 2500 characters.</summary>
    public IReadOnlyDictionary<string, string> HyperParameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid field.</summary>
    internal void Validate()
    {
        TrainingJobNames.Validate(TrainingJobName);
        if (string.IsNullOrWhiteSpace(TrainingImage) || TrainingImage.Length > MaxTrainingImageLength)
        {
            throw Invalid(nameof(TrainingImage), TrainingImage, $"must be an image URI of 1 to {MaxTrainingImageLength} characters");
        }

        if (RoleArn is null || RoleArn.Length > MaxRoleArnLength || !RoleArnPattern().IsMatch(RoleArn))
        {
            throw Invalid(nameof(RoleArn), RoleArn, "must be an IAM role ARN such as arn:aws:iam::123456789012:role/SageMakerRole");
        }

        RequireS3Uri(nameof(TrainingDataS3Uri), TrainingDataS3Uri);
        RequireS3Uri(nameof(OutputS3Uri), OutputS3Uri);
        if (InstanceType is null || !InstanceTypePattern().IsMatch(InstanceType))
        {
            throw Invalid(nameof(InstanceType), InstanceType, "must be a SageMaker instance type such as ml.m5.xlarge");
        }

        RequirePositive(nameof(InstanceCount), InstanceCount);
        RequirePositive(nameof(VolumeSizeInGB), VolumeSizeInGB);
        RequirePositive(nameof(MaxRuntimeInSeconds), MaxRuntimeInSeconds);
        ValidateSpot();
        if (CheckpointS3Uri is not null)
        {
            RequireS3Uri(nameof(CheckpointS3Uri), CheckpointS3Uri);
        }

        ValidateHyperParameters();
    }

    // SageMaker's rules for StoppingCondition: MaxWaitTimeInSeconds belongs to spot jobs, which need it, and it
    // bounds the waiting and the running together.
    private void ValidateSpot()
    {
        if (!EnableManagedSpotTraining)
        {
            if (MaxWaitTimeInSeconds is not null)
            {
                throw new ArgumentException(
                    $"Training job {nameof(MaxWaitTimeInSeconds)} ({MaxWaitTimeInSeconds}) applies to managed spot training only; set {nameof(EnableManagedSpotTraining)} or leave it null.",
                    nameof(MaxWaitTimeInSeconds));
            }

            return;
        }

        if (MaxWaitTimeInSeconds is not { } maxWait)
        {
            throw new ArgumentException(
                $"Training job {nameof(MaxWaitTimeInSeconds)} is required with {nameof(EnableManagedSpotTraining)}: the most seconds SageMaker may wait for spot capacity and run the job in all.",
                nameof(MaxWaitTimeInSeconds));
        }

        if (maxWait < MaxRuntimeInSeconds)
        {
            throw new ArgumentException(
                $"Training job {nameof(MaxWaitTimeInSeconds)} ({maxWait}) must be at least {nameof(MaxRuntimeInSeconds)} ({MaxRuntimeInSeconds}): it counts the running time and the waits for spot capacity together.",
                nameof(MaxWaitTimeInSeconds));
        }
    }

    private void ValidateHyperParameters()
    {
        ArgumentNullException.ThrowIfNull(HyperParameters, nameof(HyperParameters));
        if (HyperParameters.Count > MaxHyperParameters)
        {
            throw new ArgumentException(
                $"SageMaker accepts at most {MaxHyperParameters} hyperparameters; this training job has {HyperParameters.Count}.", nameof(HyperParameters));
        }

        foreach (var (key, value) in HyperParameters)
        {
            if (string.IsNullOrEmpty(key) || key.Length > MaxHyperParameterKeyLength)
            {
                throw new ArgumentException(
                    $"Hyperparameter name '{key}' must be 1 to {MaxHyperParameterKeyLength} characters (was {key?.Length ?? 0}).", nameof(HyperParameters));
            }

            if (value is null || value.Length > MaxHyperParameterValueLength)
            {
                throw new ArgumentException(
                    $"Hyperparameter '{key}' must have a value of at most {MaxHyperParameterValueLength} characters (was {(value is null ? "null" : value.Length)}).",
                    nameof(HyperParameters));
            }
        }
    }

    private static void RequireS3Uri(string field, string? value)
    {
        if (value is null || value.Length > MaxS3UriLength || !S3UriPattern().IsMatch(value))
        {
            throw Invalid(field, value, $"must be an S3 URI such as s3://bucket/prefix/ of at most {MaxS3UriLength} characters");
        }
    }

    private static void RequirePositive(string field, int value)
    {
        if (value < 1)
        {
            throw new ArgumentException($"Training job {field} must be at least 1 (was {value}).", field);
        }
    }

    private static ArgumentException Invalid(string field, string? value, string rule) =>
        new($"Training job {field} '{value}' {rule}.", field);

    // The API model's patterns, anchored: SageMaker matches them against the whole value.
    [GeneratedRegex("^arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+\\z")]
    private static partial Regex RoleArnPattern();

    [GeneratedRegex("^(https|s3)://([^/]+)/?(.*)\\z")]
    private static partial Regex S3UriPattern();

    [GeneratedRegex("^ml\\.[a-z0-9-]+\\.[a-z0-9]+\\z")]
    private static partial Regex InstanceTypePattern();
}
