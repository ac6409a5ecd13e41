namespace GluonStyleText.Training;

/// <summary>Where a training run is, reported after every batch.</summary>
public sealed record TrainingProgress
{
    /// <summary>The current epoch, from 0.</summary>
    public required int Epoch { get; init; }

    /// <summary>Number of epochs the run is set to (it may stop earlier).</summary>
    public required int Epochs { get; init; }

    /// <summary>The batch just finished, from 1.</summary>
    public required int Batch { get; init; }

    /// <summary>Batches in each epoch.</summary>
    public required int BatchesPerEpoch { get; init; }

    /// <summary>Mean training loss of the batch just finished.</summary>
    public required double Loss { get; init; }

    /// <summary>Training throughput of the current epoch so far, in texts per second.</summary>
    public required double ExamplesPerSecond { get; init; }

    /// <summary>The learning rate of the current epoch.</summary>
    public required double LearningRate { get; init; }

    /// <summary>Estimated time until the last epoch's training batches are done, from the pace so far (validation not included).</summary>
    public required TimeSpan EstimatedTimeRemaining { get; init; }
}
