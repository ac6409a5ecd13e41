namespace GluonStyleText.Aws.SageMaker;

/// <summary>The primary status of a SageMaker training job (the API's <c>TrainingJobStatus</c>).</summary>
public enum TrainingJobState
{
    /// <summary>A status this version of the library does not know; see <see cref="TrainingJobDescription.RawStatus"/>.</summary>
    Unknown = 0,

    /// <summary>Starting, downloading, training or uploading; see <see cref="TrainingJobDescription.SecondaryStatus"/>.</summary>
    InProgress,

    /// <summary>Finished; the model artifacts are in S3.</summary>
    Completed,

    /// <summary>Failed; see <see cref="TrainingJobDescription.FailureReason"/>.</summary>
    Failed,

    /// <summary>Stopping after a stop request.</summary>
    Stopping,

    /// <summary>Stopped after a stop request.</summary>
    Stopped,

    /// <summary>Being deleted.</summary>
    Deleting,
}
