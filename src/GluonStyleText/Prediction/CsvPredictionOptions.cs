namespace GluonStyleText.Prediction;

/// <summary>How <see cref="CsvBatchPredictor"/> reads its input and names its output columns.</summary>
public sealed class CsvPredictionOptions
{
    /// <summary>The input column holding the text to classify. Default <c>review</c>.</summary>
    public string TextColumn { get; set; } = "review";

    /// <summary>Name of the added column with the predicted label. Default <c>prediction</c>.</summary>
    public string PredictionColumn { get; set; } = "prediction";

    /// <summary>Name of the added column with the predicted label's probability. Default <c>probability</c>.</summary>
    public string ProbabilityColumn { get; set; } = "probability";

    /// <summary>Name of the added column that says why a row could not be classified (empty when it was). Default <c>error</c>.</summary>
    public string ErrorColumn { get; set; } = "error";

    /// <summary>Also add one <c>probability_&lt;label&gt;</c> column per class. Default false.</summary>
    public bool IncludeClassProbabilities { get; set; }

    /// <summary>Rows classified per forward pass; memory use is bounded by this, not by the file. Default 256.</summary>
    public int BatchSize { get; set; } = TextClassifier.DefaultBatchSize;

    /// <summary>Texts longer than this many characters are not classified (error column). Default 100,000.</summary>
    public int MaxTextLength { get; set; } = 100_000;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        foreach (var (name, value) in new[] { (nameof(TextColumn), TextColumn), (nameof(PredictionColumn), PredictionColumn), (nameof(ProbabilityColumn), ProbabilityColumn), (nameof(ErrorColumn), ErrorColumn) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException($"{name} must not be empty.", name);
            }
        }

        if (BatchSize < 1)
        {
            throw new ArgumentException($"{nameof(BatchSize)} must be at least 1, got {BatchSize}.", nameof(BatchSize));
        }

        if (MaxTextLength < 1)
        {
            throw new ArgumentException($"{nameof(MaxTextLength)} must be at least 1, got {MaxTextLength}.", nameof(MaxTextLength));
        }
    }
}
