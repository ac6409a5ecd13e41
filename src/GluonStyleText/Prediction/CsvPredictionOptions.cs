using System.Globalization;

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

    /// <summary>
    /// How many of the most probable labels to write, at least 1 (default: the prediction only). From 2 on,
    /// <c>label_2</c>, <c>probability_2</c>, ... <c>label_K</c>, <c>probability_K</c> follow the probability
    /// column (the probability columns named after <see cref="ProbabilityColumn"/>); a model with fewer than K
    /// labels gets a pair per label.
    /// </summary>
    public int TopK { get; set; } = 1;

    /// <summary>
    /// When set, a probability in (0, 1]: adds the <see cref="ReviewColumn"/> column, <c>true</c> for rows whose
    /// most probable label has a lower probability (and for rows that could not be classified), so that a
    /// person can check exactly those; <c>false</c> for the others. Default null: no such column.
    /// </summary>
    public double? ReviewBelow { get; set; }

    /// <summary>Name of the column <see cref="ReviewBelow"/> adds. Default <c>needs_review</c>.</summary>
    public string ReviewColumn { get; set; } = "needs_review";

    /// <summary>
    /// Write for Excel: a UTF-8 byte order mark first, without which Excel reads the file in the system's
    /// legacy code page and garbles non-ASCII text (Japanese, accents); and every cell that starts with
    /// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage return prefixed with a single quote, because
    /// Excel would run such a cell as a formula (CSV formula injection: a text such as
    /// <c>=HYPERLINK(...)</c> in a claim would otherwise become a live link or command); plain numbers such as
    /// <c>-120.50</c> are left as they are. The quote shows in other programs, hence off by default.
    /// </summary>
    public bool Excel { get; set; }

    /// <summary>Rows classified per forward pass; memory use is bounded by this (rows are read 16 batches at a time), not by the file. Default 64.</summary>
    public int BatchSize { get; set; } = TextClassifier.DefaultBatchSize;

    /// <summary>
    /// The rows classified together (<see cref="BatchSize"/> x 16, sorted by length into batches): the row alignment
    /// to plan a file's shards with (<see cref="Data.CsvShardPlan.Create(string, long, int, CancellationToken)"/>), or
    /// a multiple of it. A row's probabilities can differ in their last digits with the rows it is classified with,
    /// so a shard that began elsewhere could print other probabilities than a whole-file run; the
    /// <see cref="CsvBatchPredictor"/> refuses such a shard.
    /// </summary>
    public int ShardRowAlignment => BatchSize * TextClassifier.BatchesPerSortWindow;

    /// <summary>Texts longer than this many characters are not classified (error column). Default 100,000.</summary>
    public int MaxTextLength { get; set; } = 100_000;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        foreach (var (name, value) in new[] { (nameof(TextColumn), TextColumn), (nameof(PredictionColumn), PredictionColumn), (nameof(ProbabilityColumn), ProbabilityColumn), (nameof(ErrorColumn), ErrorColumn), (nameof(ReviewColumn), ReviewColumn) })
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

        if (TopK < 1)
        {
            throw new ArgumentException($"{nameof(TopK)} must be at least 1, got {TopK}.", nameof(TopK));
        }

        if (ReviewBelow is { } threshold && !(threshold > 0 && threshold <= 1))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{nameof(ReviewBelow)} must be a probability in (0, 1], got {threshold}."), nameof(ReviewBelow));
        }

        if (MaxTextLength < 1)
        {
            throw new ArgumentException($"{nameof(MaxTextLength)} must be at least 1, got {MaxTextLength}.", nameof(MaxTextLength));
        }
    }
}
