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

    /// <summary>Data rows read from the training CSV file (header excluded); null when trained on texts in memory.</summary>
    public long? RowsRead { get; init; }

    /// <summary>Rows of the training CSV file trained on; null when trained on texts in memory.</summary>
    public long? RowsAccepted { get; init; }

    /// <summary>Rows of the training CSV file skipped as bad (<c>bad_rows</c> <c>skip</c>); null when trained on texts in memory.</summary>
    public long? RowsRejected { get; init; }

    /// <summary>The rejects file the skipped rows were written to, beside the bundle; null when none was written.</summary>
    public string? RejectsPath { get; init; }

    /// <summary>Wall time of the whole run: fitting, encoding, training, saving.</summary>
    public required TimeSpan Elapsed { get; init; }
}
