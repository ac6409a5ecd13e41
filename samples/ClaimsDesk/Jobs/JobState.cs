namespace GluonStyleText.Samples.ClaimsDesk.Jobs;

/// <summary>Where a long run (classifying a file, training a model) is.</summary>
internal enum JobState
{
    Running,
    Completed,
    Failed,
    Cancelled,
}
