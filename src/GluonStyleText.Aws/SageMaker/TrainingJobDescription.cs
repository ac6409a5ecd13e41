namespace GluonStyleText.Aws.SageMaker;

/// <summary>What SageMaker reports about a training job.</summary>
/// <param name="TrainingJobName">The job's name.</param>
/// <param name="TrainingJobArn">The job's ARN.</param>
/// <param name="Status">The primary status.</param>
/// <param name="RawStatus">The primary status exactly as SageMaker reported it.</param>
/// <param name="SecondaryStatus">The detailed status, such as <c>Downloading</c>, <c>Training</c> or <c>MaxRuntimeExceeded</c>.</param>
/// <param name="CreationTime">When the job was created.</param>
public sealed record TrainingJobDescription(
    string TrainingJobName,
    string TrainingJobArn,
    TrainingJobState Status,
    string RawStatus,
    string SecondaryStatus,
    DateTimeOffset CreationTime)
{
    /// <summary>Why the job failed; null unless it failed.</summary>
    public string? FailureReason { get; init; }

    /// <summary>The S3 URI of the <c>model.tar.gz</c> the job wrote; null until SageMaker reports it.</summary>
    public string? S3ModelArtifacts { get; init; }

    /// <summary>When training instances started; null until then.</summary>
    public DateTimeOffset? TrainingStartTime { get; init; }

    /// <summary>When the job ended; null until then.</summary>
    public DateTimeOffset? TrainingEndTime { get; init; }

    /// <summary>When the job's status last changed.</summary>
    public DateTimeOffset? LastModifiedTime { get; init; }

    /// <summary>Seconds of training instance time; null until known.</summary>
    public int? TrainingTimeInSeconds { get; init; }

    /// <summary>
    /// Billable seconds of training instance time; null until known. For a managed spot job, less than
    /// <see cref="TrainingTimeInSeconds"/> by what spot capacity saved.
    /// </summary>
    public int? BillableTimeInSeconds { get; init; }

    /// <summary>The job's progress steps, oldest first; empty when SageMaker reports none.</summary>
    public IReadOnlyList<TrainingStatusTransition> SecondaryStatusTransitions { get; init; } = [];

    /// <summary>Whether the job has ended: completed, failed or stopped.</summary>
    public bool IsFinished => Status is TrainingJobState.Completed or TrainingJobState.Failed or TrainingJobState.Stopped;
}
