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

    /// <summary>The shortest job timeout AWS Batch accepts, in seconds.</summary>
    public const int MinAttemptDurationSeconds = 60;

    /// <summary>Environment variables added to (or overriding) the job definition's; null for none.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>Attempts AWS Batch makes if the job fails (1 to 10); null keeps the job definition's.</summary>
    public int? RetryAttempts { get; init; }

    /// <summary>Seconds after which AWS Batch stops an attempt (at least 60); null keeps the job definition's.</summary>
    public int? AttemptDurationSeconds { get; init; }

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
