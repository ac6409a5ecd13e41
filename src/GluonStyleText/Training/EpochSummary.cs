namespace GluonStyleText.Training;

/// <summary>What one training epoch achieved.</summary>
public sealed record EpochSummary
{
    /// <summary>The epoch, from 0.</summary>
    public required int Epoch { get; init; }

    /// <summary>Mean training loss over the epoch's batches.</summary>
    public required double TrainingLoss { get; init; }

    /// <summary>Mean cross-entropy loss on the validation set after the epoch.</summary>
    public required double ValidationLoss { get; init; }

    /// <summary>Accuracy on the validation set after the epoch.</summary>
    public required double ValidationAccuracy { get; init; }

    /// <summary>The learning rate used during the epoch.</summary>
    public required double LearningRate { get; init; }

    /// <summary>Wall-clock seconds of the epoch, validation included.</summary>
    public required double Seconds { get; init; }
}
