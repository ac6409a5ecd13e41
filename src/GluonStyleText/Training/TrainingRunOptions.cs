namespace GluonStyleText.Training;

/// <summary>Checkpointing for a training run.</summary>
public sealed record TrainingRunOptions
{
    /// <summary>Where to write a checkpoint after every epoch; null writes none.</summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>A checkpoint directory to continue from; null starts afresh.</summary>
    public string? ResumeFrom { get; init; }
}
