using GluonStyleText.Data;
using GluonStyleText.Training;

namespace GluonStyleText.Evaluation;

/// <summary>
/// Writes what a person needs to judge a classifier into one folder: <c>metrics.json</c> for tools,
/// <c>metrics.md</c> to read, <c>confusion-matrix.png</c> and, after training, <c>training-curves.png</c>.
/// </summary>
public static class EvaluationReport
{
    /// <summary>Name of the JSON file: the metrics with labels, and the training history when given.</summary>
    public const string MetricsJsonFileName = "metrics.json";

    /// <summary>Name of the Markdown report.</summary>
    public const string MarkdownFileName = "metrics.md";

    /// <summary>Name of the confusion-matrix heatmap.</summary>
    public const string ConfusionMatrixFileName = "confusion-matrix.png";

    /// <summary>Name of the loss and accuracy chart.</summary>
    public const string TrainingCurvesFileName = "training-curves.png";

    /// <summary>
    /// Writes the report into <paramref name="directory"/> (created if missing). Every file is written
    /// under a temporary name and renamed when complete; files of an earlier report are replaced.
    /// </summary>
    /// <param name="directory">The report folder.</param>
    /// <param name="metrics">The metrics to report, e.g. from <see cref="TextClassifierEvaluator"/>.</param>
    /// <param name="labels">The label of each class id, e.g. a bundle's <c>Labels.Labels</c>.</param>
    /// <param name="training">The training run, for the history table and curves; null for none.</param>
    /// <returns>The paths of the files written.</returns>
    /// <exception cref="ArgumentException">The labels do not match the metrics' classes.</exception>
    public static EvaluationReportFiles Write(string directory, ClassificationMetrics metrics, IReadOnlyList<string> labels, TrainingResult? training = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count != metrics.PerClass.Count || labels.Count != metrics.ConfusionMatrix.Count)
        {
            throw new ArgumentException(
                $"There are {labels.Count} labels but the metrics have {metrics.PerClass.Count} classes; give one label per class id.", nameof(labels));
        }

        var folder = Path.GetFullPath(directory);
        Directory.CreateDirectory(folder);
        var hasHistory = training is { History.Count: > 0 };
        var files = new EvaluationReportFiles(
            folder,
            Path.Combine(folder, MetricsJsonFileName),
            Path.Combine(folder, MarkdownFileName),
            Path.Combine(folder, ConfusionMatrixFileName),
            hasHistory ? Path.Combine(folder, TrainingCurvesFileName) : null);

        AtomicFile.WriteText(files.MetricsJsonPath, EvaluationReportDocument.From(metrics, labels, training).ToJson());
        AtomicFile.WriteBytes(files.ConfusionMatrixPath, ConfusionMatrixChart.RenderPng(metrics.ConfusionMatrix, labels));
        if (files.TrainingCurvesPath is { } curves)
        {
            AtomicFile.WriteBytes(curves, TrainingCurvesChart.RenderPng(training!.History));
        }

        AtomicFile.WriteText(files.MarkdownPath, EvaluationReportMarkdown.Render(metrics, labels, training, files));
        return files;
    }
}
