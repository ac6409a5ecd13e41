using GluonStyleText.Data;
using GluonStyleText.Evaluation;

namespace GluonStyleText.Training;

/// <summary>What <see cref="TextClassifierTrainer"/> produced.</summary>
public sealed record TextClassifierTrainingResult
{
    /// <summary>Where the model bundle was written.</summary>
    public required string BundlePath { get; init; }

    /// <summary>Epoch history, best epoch, and whether the run was cancelled or stopped early.</summary>
    public required TrainingResult Training { get; init; }

    /// <summary>Metrics of the kept (best) model on the held-out validation texts.</summary>
    public ClassificationMetrics? ValidationMetrics => Training.BestValidationMetrics;

    /// <summary>The labels, in class-id order.</summary>
    public required LabelMap Labels { get; init; }

    /// <summary>Number of entries in the fitted vocabulary, reserved ids included.</summary>
    public required int VocabularyCount { get; init; }

    /// <summary>Share of vocabulary words found in the pretrained vectors; null when none were used.</summary>
    public double? EmbeddingCoverage { get; init; }

    /// <summary>Wall time of the whole run: fitting, encoding, training, saving.</summary>
    public required TimeSpan Elapsed { get; init; }
}
