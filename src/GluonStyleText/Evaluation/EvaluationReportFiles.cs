namespace GluonStyleText.Evaluation;

/// <summary>The files an <see cref="EvaluationReport"/> wrote.</summary>
/// <param name="Directory">The report folder.</param>
/// <param name="MetricsJsonPath">The metrics as JSON, with the labels (and the training history when given).</param>
/// <param name="MarkdownPath">The readable report.</param>
/// <param name="ConfusionMatrixPath">The confusion matrix as a heatmap with counts.</param>
/// <param name="TrainingCurvesPath">Loss and validation accuracy per epoch; null when no training history was given.</param>
public sealed record EvaluationReportFiles(
    string Directory,
    string MetricsJsonPath,
    string MarkdownPath,
    string ConfusionMatrixPath,
    string? TrainingCurvesPath);
