namespace GluonStyleText.Aws.SageMaker;

/// <summary>A training job that ended with a model.</summary>
/// <param name="TrainingJobName">The job's name.</param>
/// <param name="ModelArtifactsUri">The S3 URI of the job's <c>model.tar.gz</c> (the model bundle's files).</param>
/// <param name="Description">SageMaker's last description of the job: <c>Completed</c>, or <c>Stopped</c> with the best model so far.</param>
public sealed record SageMakerTrainingOutcome(string TrainingJobName, string ModelArtifactsUri, TrainingJobDescription Description);
