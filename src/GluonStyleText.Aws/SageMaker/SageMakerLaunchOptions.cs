namespace GluonStyleText.Aws.SageMaker;

/// <summary>
/// A SageMaker training run of the GluonStyleText image, for <see cref="SageMakerTrainingLauncher"/>.
/// The image's <c>train</c> command reads the training options back from the job's hyperparameters.
/// </summary>
public sealed class SageMakerLaunchOptions
{
    /// <summary>The job's name; null derives a new one from <see cref="JobNamePrefix"/> and the current UTC time.</summary>
    public string? JobName { get; set; }

    /// <summary>The readable start of derived job names. Default <c>gluonstyletext</c>.</summary>
    public string JobNamePrefix { get; set; } = "gluonstyletext";

    /// <summary>The training image in ECR, such as the stack's <c>ImageUri</c> output. Required.</summary>
    public string Image { get; set; } = "";

    /// <summary>The IAM role SageMaker runs the job as, such as the stack's <c>SageMakerExecutionRoleArn</c> output. Required.</summary>
    public string RoleArn { get; set; } = "";

    /// <summary>The S3 prefix of the labeled CSV files, e.g. <c>s3://models-bucket/training/imdb/</c>. Required.</summary>
    public string TrainingDataUri { get; set; } = "";

    /// <summary>The S3 prefix SageMaker writes <c>&lt;job name&gt;/output/model.tar.gz</c> under. Required.</summary>
    public string OutputUri { get; set; } = "";

    /// <summary>The instance type. Default <c>ml.c5.2xlarge</c> (8 vCPUs, CPU image).</summary>
    public string InstanceType { get; set; } = "ml.c5.2xlarge";

    /// <summary>The instance's storage volume in GB (data, checkpoints). Default 30.</summary>
    public int VolumeSizeInGB { get; set; } = 30;

    /// <summary>SageMaker stops the job after this long; the entrypoint then saves the best model so far. Default one day.</summary>
    public TimeSpan MaxRuntime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Whether to train on managed spot capacity, which costs less but may be interrupted: SageMaker then starts the
    /// job again when capacity returns, and the entrypoint resumes after the last completed epoch from the checkpoints
    /// it keeps in <see cref="CheckpointUri"/>. Default false (on-demand).
    /// </summary>
    public bool UseSpotInstances { get; set; }

    /// <summary>
    /// With <see cref="UseSpotInstances"/> only: how long the job may take in all, waiting for spot capacity and
    /// running, after which SageMaker stops it; at least <see cref="MaxRuntime"/>. Null allows twice <see cref="MaxRuntime"/>.
    /// </summary>
    public TimeSpan? MaxWait { get; set; }

    /// <summary>
    /// The S3 prefix SageMaker keeps the job's checkpoints in. Null: none for an on-demand job, and
    /// <c>&lt;OutputUri&gt;/&lt;job name&gt;/checkpoints/</c> with <see cref="UseSpotInstances"/>. A job started with
    /// the checkpoints of an earlier job (the same prefix given again) resumes from them.
    /// </summary>
    public string? CheckpointUri { get; set; }

    /// <summary>
    /// The training options as string hyperparameters (the seed's <c>config.json</c> keys), normally
    /// <c>TextClassifierOptionsLoader.ToStrings</c> of options loaded, and so validated, by the core
    /// package; empty trains with the defaults.
    /// </summary>
    public IReadOnlyDictionary<string, string> Hyperparameters { get; set; } = new Dictionary<string, string>();

    /// <summary>The first wait between two status checks, and the wait after every change. Default 15 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The longest wait between two status checks; waits double while nothing changes. Default 60 s.</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether cancelling the wait also asks SageMaker to stop the job (so it stops costing money). Default true.</summary>
    public bool StopJobOnCancel { get; set; } = true;
}
