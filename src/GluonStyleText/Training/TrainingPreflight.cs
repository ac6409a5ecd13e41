using System.Globalization;
using GluonStyleText.Bundles;
using GluonStyleText.Options;

namespace GluonStyleText.Training;

/// <summary>
/// Checks made before training starts, when a mistake still costs seconds: a label column that is no category (a
/// claim id picked by mistake) and a run that cannot fit in memory. Without them the run died hours in, or at once
/// with the process (and a desk's other jobs): 100,000 distinct labels made a 100,000 x 100,000 confusion matrix.
/// </summary>
internal static class TrainingPreflight
{
    /// <summary>Categories below which any count is accepted: a small set may well have one text per category.</summary>
    public const int CategoriesAlwaysAccepted = 1_000;

    /// <summary>Texts per category, on average, below which a large label set is taken for a column of identifiers.</summary>
    public const double MinimumTextsPerCategory = 2;

    /// <summary>Share of the machine's memory that a run's estimate may take; the rest is the runtime's, the OS's, and the estimate's error.</summary>
    public const double UsableMemoryShare = 0.8;

    /// <summary>Refuses a label set that looks like identifiers rather than categories.</summary>
    /// <param name="categories">Distinct labels.</param>
    /// <param name="texts">Labeled texts.</param>
    /// <param name="labelSource">What the labels are, for the message: "label column 'category'", or "the labels".</param>
    /// <exception cref="ArgumentException">More than <see cref="CategoriesAlwaysAccepted"/> categories with fewer than <see cref="MinimumTextsPerCategory"/> texts each on average.</exception>
    public static void CheckLabelCount(int categories, int texts, string labelSource)
    {
        if (categories > CategoriesAlwaysAccepted && categories > texts / MinimumTextsPerCategory)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{labelSource} has {categories:N0} distinct values in {texts:N0} rows: is it the right column? A category needs several examples to be learned, and this many would not fit in memory (a {categories:N0} x {categories:N0} confusion matrix)."));
        }
    }

    /// <summary>The bytes a run of <paramref name="options"/> over <paramref name="texts"/> texts needs at least, by part.</summary>
    /// <param name="options">The run's options, with the data-dependent ones (seq_len, vocab_size, n_classes) resolved.</param>
    /// <param name="texts">Training texts.</param>
    public static (double TokenIds, double Model, double ConfusionMatrix) EstimateBytes(TextClassifierOptions options, int texts)
    {
        ArgumentNullException.ThrowIfNull(options);
        double tokenIds = (double)texts * options.SequenceLength * sizeof(long);
        // Weights, gradients, adam's two moments and the best epoch's copy, for each network of an ensemble kept.
        double model = BundleConsistency.MinimumWeightCount(options) * sizeof(float) * (5 + Math.Max(0, (options.EnsembleSize ?? 1) - 1));
        double classes = Math.Max(1, options.NumberOfClasses);
        double confusion = classes * classes * sizeof(int);
        return (tokenIds, model, confusion);
    }

    /// <summary>Refuses a run whose estimate (<see cref="EstimateBytes"/>) exceeds <see cref="UsableMemoryShare"/> of <paramref name="availableBytes"/>.</summary>
    /// <param name="options">The run's options, resolved.</param>
    /// <param name="texts">Training texts.</param>
    /// <param name="availableBytes">The memory the process may use (the machine's, or its container's limit).</param>
    /// <exception cref="InsufficientMemoryException">The run would not fit; the message gives each part.</exception>
    public static void CheckMemory(TextClassifierOptions options, int texts, long availableBytes)
    {
        var (tokenIds, model, confusion) = EstimateBytes(options, texts);
        double needed = tokenIds + model + confusion;
        if (needed > UsableMemoryShare * availableBytes)
        {
            throw new InsufficientMemoryException(string.Create(CultureInfo.InvariantCulture,
                $"Training would need at least {Gigabytes(needed)} of memory ({Gigabytes(tokenIds)} of token ids for {texts:N0} texts of seq_len {options.SequenceLength:N0}, {Gigabytes(model)} for the model and its optimizer, {Gigabytes(confusion)} for a {options.NumberOfClasses:N0}-category confusion matrix), more than the {Gigabytes(UsableMemoryShare * availableBytes)} this process can use. Lower seq_len, vocab_size or embed_size, or train on a larger machine."));
        }
    }

    private static string Gigabytes(double bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1L << 30):0.00} GiB");
}
