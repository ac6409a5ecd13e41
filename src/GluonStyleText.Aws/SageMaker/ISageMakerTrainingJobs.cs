namespace GluonStyleText.Aws.SageMaker;

/// <summary>
/// Starts, watches and stops SageMaker training jobs. <see cref="SageMakerJsonClient"/> calls AWS;
/// tests and local runs can supply their own implementation.
/// </summary>
public interface ISageMakerTrainingJobs
{
    /// <summary>Starts a training job.</summary>
    /// <param name="request">The job; validated before anything is sent.</param>
    /// <param name="cancellationToken">Cancels the call (including waits between retries).</param>
    /// <returns>The job's name and ARN.</returns>
    Task<CreatedTrainingJob> CreateTrainingJobAsync(TrainingJobRequest request, CancellationToken cancellationToken = default);

    /// <summary>Describes a training job: its status, failure reason, model artifacts and times.</summary>
    /// <param name="trainingJobName">The job's name.</param>
    /// <param name="cancellationToken">Cancels the call (including waits between retries).</param>
    /// <returns>The job's current description.</returns>
    Task<TrainingJobDescription> DescribeTrainingJobAsync(string trainingJobName, CancellationToken cancellationToken = default);

    /// <summary>Asks SageMaker to stop a training job; it moves to <c>Stopping</c>, then <c>Stopped</c>.</summary>
    /// <param name="trainingJobName">The job's name.</param>
    /// <param name="cancellationToken">Cancels the call (including waits between retries).</param>
    /// <returns>A task that completes when SageMaker has accepted the request.</returns>
    Task StopTrainingJobAsync(string trainingJobName, CancellationToken cancellationToken = default);
}
