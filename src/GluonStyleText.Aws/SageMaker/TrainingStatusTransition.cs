namespace GluonStyleText.Aws.SageMaker;

/// <summary>One step of a training job's progress, such as <c>Downloading</c> or <c>Training</c>.</summary>
/// <param name="Status">The secondary status entered.</param>
/// <param name="StartTime">When the step started.</param>
/// <param name="EndTime">When the step ended; null while it lasts.</param>
/// <param name="StatusMessage">SageMaker's description of the step; null when none.</param>
public sealed record TrainingStatusTransition(string Status, DateTimeOffset StartTime, DateTimeOffset? EndTime, string? StatusMessage);
