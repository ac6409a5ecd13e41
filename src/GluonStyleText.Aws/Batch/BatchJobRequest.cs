namespace GluonStyleText.Aws.Batch;

/// <summary>An AWS Batch job to submit.</summary>
/// <param name="JobName">
/// The job's name: up to 128 letters, digits, hyphens and underscores, starting with a letter or
/// digit; <see cref="BatchJobNames.Create"/> derives one from free text.
/// </param>
/// <param name="JobQueue">The job queue's name or ARN.</param>
/// <param name="JobDefinition">The job definition's name, <c>name:revision</c> or ARN.</param>
/// <param name="Parameters">Values for the <c>Ref::name</c> placeholders of the job definition's command.</param>
public sealed record BatchJobRequest(string JobName, string JobQueue, string JobDefinition, IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>The largest number of attempts AWS Batch allows in a retry strategy.</summary>
    public const int MaxRetryAttempts = 10;

    /// <summary>The smallest array size AWS Batch accepts (an array of one is refused: submit a plain job).</summary>
    public const int MinArraySize = 2;

    /// <summary>The largest array size AWS Batch accepts.</summary>
    public const int MaxArraySize = 10_000;

    /// <summary>The most jobs one job can depend on.</summary>
    public const int MaxDependencies = 20;

    /// <summary>The shortest job timeout AWS Batch accepts, in seconds.</summary>
    public const int MinAttemptDurationSeconds = 60;

    /// <summary>Environment variables added to (or overriding) the job definition's; null for none.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>Attempts AWS Batch makes if the job fails (1 to 10); null keeps the job definition's.</summary>
    public int? RetryAttempts { get; init; }

    /// <summary>Seconds after which AWS Batch stops an attempt (at least 60); null keeps the job definition's.</summary>
    public int? AttemptDurationSeconds { get; init; }

    /// <summary>
    /// The number of children of an array job (2 to 10,000); each child gets its index in <c>AWS_BATCH_JOB_ARRAY_INDEX</c>.
    /// Null submits a plain job.
    /// </summary>
    public int? ArraySize { get; init; }

    /// <summary>Jobs that must succeed before this one runs; if one fails, AWS Batch fails this job without running it. Null or empty for none.</summary>
    public IReadOnlyList<BatchJobDependency>? DependsOn { get; init; }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid field.</summary>
    internal void Validate()
    {
        BatchJobNames.Validate(JobName);
        RequireText(JobQueue, nameof(JobQueue));
        RequireText(JobDefinition, nameof(JobDefinition));
        ArgumentNullException.ThrowIfNull(Parameters, nameof(Parameters));
        foreach (var (name, value) in Parameters)
        {
            RequireText(name, $"{nameof(Parameters)} key");
            if (value is null)
            {
                throw new ArgumentException($"Batch job parameter '{name}' has no value.", nameof(Parameters));
            }
        }

        foreach (var (name, value) in Environment ?? new Dictionary<string, string>())
        {
            RequireText(name, $"{nameof(Environment)} key");
            if (name.StartsWith("AWS_BATCH", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"Environment variable '{name}' is reserved: AWS Batch sets the AWS_BATCH* variables itself.", nameof(Environment));
            }

            if (value is null)
            {
                throw new ArgumentException($"Environment variable '{name}' has no value.", nameof(Environment));
            }
        }

        if (RetryAttempts is < 1 or > MaxRetryAttempts)
        {
            throw new ArgumentException($"{nameof(RetryAttempts)} must be between 1 and {MaxRetryAttempts} (was {RetryAttempts}).", nameof(RetryAttempts));
        }

        if (ArraySize is < MinArraySize or > MaxArraySize)
        {
            throw new ArgumentException($"{nameof(ArraySize)} must be between {MinArraySize} and {MaxArraySize} (was {ArraySize}).", nameof(ArraySize));
        }

        if (DependsOn is { } dependencies)
        {
            if (dependencies.Count > MaxDependencies)
            {
                throw new ArgumentException($"A Batch job can depend on at most {MaxDependencies} jobs (was {dependencies.Count}).", nameof(DependsOn));
            }

            foreach (var dependency in dependencies)
            {
                RequireText(dependency?.JobId, $"{nameof(DependsOn)} job id");
                if (dependency!.Type is not (null or "N_TO_N" or "SEQUENTIAL"))
                {
                    throw new ArgumentException($"Batch job dependency type '{dependency.Type}' is not N_TO_N or SEQUENTIAL.", nameof(DependsOn));
                }
            }
        }

        if (AttemptDurationSeconds is < MinAttemptDurationSeconds)
        {
            throw new ArgumentException($"{nameof(AttemptDurationSeconds)} must be at least {MinAttemptDurationSeconds} (was {AttemptDurationSeconds}).", nameof(AttemptDurationSeconds));
        }
    }

    private static void RequireText(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"Batch job {field} is empty.", field);
        }
    }
}
