using System.Globalization;
using GluonStyleText.Data;
using GluonStyleText.Models;
using GluonStyleText.Prediction;
using GluonStyleText.Training;
using Microsoft.Extensions.Logging;

namespace GluonStyleText.Evaluation;

/// <summary>
/// Measures a trained <see cref="TextClassifier"/> on labeled texts, from the raw texts as an
/// application would classify them (its own transformer, its own label map).
/// </summary>
public static class TextClassifierEvaluator
{
    /// <summary>
    /// The smallest probability whose logarithm is taken: a model that is certain and wrong gets a large,
    /// finite loss instead of infinity.
    /// </summary>
    public const double MinimumProbability = 1e-12;

    /// <summary>
    /// Evaluates <paramref name="classifier"/> on a labeled CSV file. Its labels are mapped with the
    /// classifier's label map, so a label the model does not know is a bad row.
    /// </summary>
    /// <param name="classifier">The trained classifier.</param>
    /// <param name="csvPath">The labeled file.</param>
    /// <param name="csvOptions">Columns and bad-row handling; null reads the bundle's <c>text_column</c> and <c>label_column</c>.</param>
    /// <param name="logger">Receives rejected rows and the read's summary.</param>
    /// <param name="progress">Told after every batch.</param>
    /// <param name="cancellationToken">Checked before every batch.</param>
    /// <exception cref="DataFormatException">The file or a row is bad; the message names file, line and reason.</exception>
    /// <exception cref="OperationCanceledException">Cancellation was requested.</exception>
    /// <exception cref="NonFiniteNumbersException">The model's output for a text is NaN or infinite.</exception>
    public static ClassificationMetrics EvaluateCsv(
        TextClassifier classifier,
        string csvPath,
        LabeledCsvOptions? csvOptions = null,
        ILogger? logger = null,
        IProgress<EvaluationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentException.ThrowIfNullOrWhiteSpace(csvPath);
        var data = LabeledCsvFile.Load(csvPath, ReadOptions(classifier, csvOptions), classifier.Bundle.Labels, logger, cancellationToken);
        return Evaluate(classifier, data.Texts, data.ClassIds, TextClassifier.DefaultBatchSize, progress, cancellationToken);
    }

    /// <summary>
    /// <see cref="EvaluateCsv(TextClassifier, string, LabeledCsvOptions?, ILogger?, IProgress{EvaluationProgress}?, CancellationToken)"/>
    /// on a thread of its own; the task faults with the same exceptions.
    /// </summary>
    /// <param name="classifier">The classifier to measure.</param>
    /// <param name="csvPath">The labeled test file.</param>
    /// <param name="csvOptions">Columns and bad-row handling; null takes the bundle's columns and stops at the first bad row.</param>
    /// <param name="logger">Receives the row counts; optional.</param>
    /// <param name="progress">Told after every batch.</param>
    /// <param name="cancellationToken">Checked while reading and before every batch.</param>
    public static Task<ClassificationMetrics> EvaluateCsvAsync(
        TextClassifier classifier,
        string csvPath,
        LabeledCsvOptions? csvOptions = null,
        ILogger? logger = null,
        IProgress<EvaluationProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        LongRunningWork.Run(() => EvaluateCsv(classifier, csvPath, csvOptions, logger, progress, cancellationToken), cancellationToken);

    /// <summary>
    /// Evaluates <paramref name="classifier"/> on labeled CSV content in a stream (an upload, a blob) as the file
    /// overload does on a file. The stream is read forward to its end and stays the caller's to dispose; rejected rows
    /// go to <see cref="LabeledCsvOptions.RejectsPath"/>, a file, when the options skip bad rows and name one.
    /// </summary>
    /// <param name="classifier">The trained classifier.</param>
    /// <param name="csv">The labeled content; it need not seek.</param>
    /// <param name="csvName">The name errors and logs give the content, for example the uploaded file's name.</param>
    /// <param name="csvOptions">Columns and bad-row handling; null reads the bundle's <c>text_column</c> and <c>label_column</c> and stops at the first bad row.</param>
    /// <param name="logger">Receives rejected rows and the read's summary.</param>
    /// <param name="progress">Told after every batch.</param>
    /// <param name="cancellationToken">Checked while reading and before every batch.</param>
    /// <exception cref="DataFormatException">The content or a row is bad; the message names <paramref name="csvName"/>, line and reason.</exception>
    /// <exception cref="OperationCanceledException">Cancellation was requested.</exception>
    /// <exception cref="NonFiniteNumbersException">The model's output for a text is NaN or infinite.</exception>
    public static ClassificationMetrics EvaluateCsv(
        TextClassifier classifier,
        Stream csv,
        string csvName,
        LabeledCsvOptions? csvOptions = null,
        ILogger? logger = null,
        IProgress<EvaluationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentException.ThrowIfNullOrWhiteSpace(csvName);
        var data = LabeledCsvFile.Load(csv, csvName, ReadOptions(classifier, csvOptions), classifier.Bundle.Labels, logger, cancellationToken);
        return Evaluate(classifier, data.Texts, data.ClassIds, TextClassifier.DefaultBatchSize, progress, cancellationToken);
    }

    /// <summary>
    /// <see cref="EvaluateCsv(TextClassifier, Stream, string, LabeledCsvOptions?, ILogger?, IProgress{EvaluationProgress}?, CancellationToken)"/>
    /// on a thread of its own; the task faults with the same exceptions. The stream must stay open until the task completes.
    /// </summary>
    /// <param name="classifier">The classifier to measure.</param>
    /// <param name="csv">The labeled test content; it need not seek.</param>
    /// <param name="csvName">The name errors and logs give the content.</param>
    /// <param name="csvOptions">Columns and bad-row handling; null takes the bundle's columns and stops at the first bad row.</param>
    /// <param name="logger">Receives the row counts; optional.</param>
    /// <param name="progress">Told after every batch.</param>
    /// <param name="cancellationToken">Checked while reading and before every batch.</param>
    public static Task<ClassificationMetrics> EvaluateCsvAsync(
        TextClassifier classifier,
        Stream csv,
        string csvName,
        LabeledCsvOptions? csvOptions = null,
        ILogger? logger = null,
        IProgress<EvaluationProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        LongRunningWork.Run(() => EvaluateCsv(classifier, csv, csvName, csvOptions, logger, progress, cancellationToken), cancellationToken);

    /// <summary>Evaluates <paramref name="classifier"/> on texts and their class ids (in the classifier's label map).</summary>
    /// <param name="classifier">The trained classifier.</param>
    /// <param name="texts">The texts.</param>
    /// <param name="classIds">The true class id of each text.</param>
    /// <param name="batchSize">Texts per forward pass.</param>
    /// <param name="progress">Told after every batch.</param>
    /// <param name="cancellationToken">Checked before every batch.</param>
    /// <returns>Accuracy, mean cross-entropy (of the classifier's probabilities), per-class scores and confusion matrix.</returns>
    /// <exception cref="ArgumentException">The lists differ in length, are empty, or a class id is out of range.</exception>
    /// <exception cref="OperationCanceledException">Cancellation was requested.</exception>
    /// <exception cref="NonFiniteNumbersException">The model's output for a text is NaN or infinite.</exception>
    public static ClassificationMetrics Evaluate(
        TextClassifier classifier,
        IReadOnlyList<string> texts,
        IReadOnlyList<int> classIds,
        int batchSize = TextClassifier.DefaultBatchSize,
        IProgress<EvaluationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(classIds);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (texts.Count != classIds.Count)
        {
            throw new ArgumentException($"There are {texts.Count} texts but {classIds.Count} class ids; each text needs one.", nameof(classIds));
        }

        if (texts.Count == 0)
        {
            throw new ArgumentException("There are no texts to evaluate.", nameof(texts));
        }

        var classes = classifier.Labels.Count;
        var labels = classIds.ToArray();
        var predictions = new int[texts.Count];
        double totalLoss = 0;
        // A sort window of batches at a time, as in prediction, so that each batch holds texts of similar
        // length and is cut to its longest one; a single batch would mix every length.
        var window = batchSize * TextClassifier.BatchesPerSortWindow;
        for (var start = 0; start < texts.Count; start += window)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(window, texts.Count - start);
            var batch = Enumerable.Range(start, count).Select(i => texts[i]).ToList();
            var probabilities = classifier.PredictProbabilities(batch, batchSize, cancellationToken,
                done => progress?.Report(new EvaluationProgress(start + done, texts.Count)));
            for (var row = 0; row < count; row++)
            {
                var rowProbabilities = probabilities.AsSpan(row * classes, classes);
                var actual = labels[start + row];
                if (actual < 0 || actual >= classes)
                {
                    throw new ArgumentException($"Text {start + row} has class id {actual}, but the classifier has {classes} classes.", nameof(classIds));
                }

                // An accuracy over NaN outputs would still count argmaxes, and look like a figure.
                if (!Probabilities.AllFinite(rowProbabilities))
                {
                    throw new NonFiniteNumbersException(string.Create(CultureInfo.InvariantCulture,
                        $"The model's output for text {start + row + 1:N0} of {texts.Count:N0} is not a number (NaN); no accuracy is computed over such outputs. {NonFiniteNumbersException.Advice}"));
                }

                predictions[start + row] = Probabilities.ArgMax(rowProbabilities);
                totalLoss -= Math.Log(Math.Max(rowProbabilities[actual], MinimumProbability));
            }

        }

        return ClassificationMetrics.FromPredictions(classes, labels, predictions, totalLoss);
    }

    // A test set with rows left out would report an accuracy on texts nobody chose, so by default
    // evaluation stops at a bad row whatever the bundle's training bad_rows setting was.
    private static LabeledCsvOptions ReadOptions(TextClassifier classifier, LabeledCsvOptions? csvOptions)
    {
        if (csvOptions is not null)
        {
            return csvOptions;
        }

        var options = LabeledCsvOptions.From(classifier.Bundle.Options);
        options.OnBadRow = BadRowHandling.Fail;
        return options;
    }
}
