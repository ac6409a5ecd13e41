using GluonStyleText.Evaluation;

namespace GluonStyleText.Training;

/// <summary>
/// The outcome of <see cref="Trainer.Train"/>. The model itself is trained in place and, when
/// <see cref="BestEpoch"/> is set, holds that epoch's weights.
/// </summary>
public sealed record TrainingResult
{
    /// <summary>Every completed epoch, in order (including those before a resume).</summary>
    public required IReadOnlyList<EpochSummary> History { get; init; }

    /// <summary>The epoch with the lowest validation loss, whose weights the model holds; null when no epoch completed.</summary>
    public int? BestEpoch { get; init; }

    /// <summary>Validation metrics of the best epoch; null when no epoch completed.</summary>
    public ClassificationMetrics? BestValidationMetrics { get; init; }

    /// <summary>True when the run was cancelled; the model then holds the best weights so far.</summary>
    public required bool Cancelled { get; init; }

    /// <summary>True when early stopping ended the run before the last epoch.</summary>
    public required bool StoppedEarly { get; init; }
}
