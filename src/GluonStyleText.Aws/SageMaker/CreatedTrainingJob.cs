namespace GluonStyleText.Aws.SageMaker;

/// <summary>A training job SageMaker accepted.</summary>
/// <param name="TrainingJobName">The job's name.</param>
/// <param name="TrainingJobArn">The job's ARN.</param>
public sealed record CreatedTrainingJob(string TrainingJobName, string TrainingJobArn);
