namespace GluonStyleText.Aws.SageMaker;

/// <summary>A SageMaker training job ended without a model; the message includes SageMaker's failure reason.</summary>
public sealed class SageMakerTrainingJobException : Exception
{
    /// <summary>Creates the exception for a job that ended without a model.</summary>
    /// <param name="description">SageMaker's last description of the job.</param>
    public SageMakerTrainingJobException(TrainingJobDescription description)
        : base(Describe(description ?? throw new ArgumentNullException(nameof(description))))
    {
        Description = description;
    }

    /// <summary>SageMaker's last description of the job.</summary>
    public TrainingJobDescription Description { get; }

    /// <summary>SageMaker's reason, as the training container wrote it to its failure file; null when none.</summary>
    public string? FailureReason => Description.FailureReason;

    private static string Describe(TrainingJobDescription description)
    {
        var reason = string.IsNullOrWhiteSpace(description.FailureReason) ? "SageMaker gave no reason" : description.FailureReason;
        return description.Status == TrainingJobState.Failed
            ? $"SageMaker training job '{description.TrainingJobName}' failed ({description.SecondaryStatus}): {reason}"
            : $"SageMaker training job '{description.TrainingJobName}' ended as {description.RawStatus} ({description.SecondaryStatus}) without a model: {reason}";
    }
}
