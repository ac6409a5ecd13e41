using System.Globalization;
using System.Text;
using GluonStyleText.Training;

namespace GluonStyleText.Evaluation;

/// <summary>Renders the metrics as a Markdown page that reads well as plain text too.</summary>
internal static class EvaluationReportMarkdown
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Render(ClassificationMetrics metrics, IReadOnlyList<string> labels, TrainingResult? training, EvaluationReportFiles files)
    {
        var text = new StringBuilder();
        text.AppendLine("# Evaluation report").AppendLine();
        text.AppendLine("| Metric | Value |");
        text.AppendLine("| --- | ---: |");
        Row(text, "Texts", metrics.Count.ToString("N0", Invariant));
        Row(text, "Accuracy", $"{Number(metrics.Accuracy)} ({(metrics.Accuracy * 100).ToString("F2", Invariant)} %)");
        Row(text, "Mean loss (cross-entropy)", Number(metrics.MeanLoss));
        Row(text, "Macro F1", Number(metrics.MacroF1));
        text.AppendLine();

        text.AppendLine("## Per class").AppendLine();
        text.AppendLine("| Label | Precision | Recall | F1 | Support |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var c in metrics.PerClass)
        {
            Row(text, Cell(labels[c.ClassId]), Number(c.Precision), Number(c.Recall), Number(c.F1), c.Support.ToString("N0", Invariant));
        }

        text.AppendLine();
        AppendConfusionMatrix(text, metrics, labels, files);
        if (training is not null)
        {
            AppendTraining(text, training, files);
        }

        return text.ToString();
    }

    private static void AppendConfusionMatrix(StringBuilder text, ClassificationMetrics metrics, IReadOnlyList<string> labels, EvaluationReportFiles files)
    {
        var shown = ReadableConfusion.Shown(metrics.ConfusionMatrix);
        var note = ReadableConfusion.Note(shown, labels.Count);
        text.AppendLine("## Confusion matrix").AppendLine();
        text.AppendLine("Rows are the actual labels, columns the predicted ones.").AppendLine();
        if (note.Length > 0)
        {
            text.AppendLine($"Shown: {note}; metrics.json holds the whole matrix.").AppendLine();
        }

        text.Append("| actual \\ predicted |");
        foreach (var id in shown)
        {
            text.Append(' ').Append(Cell(labels[id])).Append(" |");
        }

        text.AppendLine();
        text.Append("| --- |").Append(string.Concat(Enumerable.Repeat(" ---: |", shown.Length))).AppendLine();
        foreach (var actual in shown)
        {
            Row(text, [Cell(labels[actual]), .. shown.Select(predicted => metrics.ConfusionMatrix[actual][predicted].ToString("N0", Invariant))]);
        }

        text.AppendLine();
        text.AppendLine($"![Confusion matrix]({Path.GetFileName(files.ConfusionMatrixPath)})").AppendLine();
    }

    private static void AppendTraining(StringBuilder text, TrainingResult training, EvaluationReportFiles files)
    {
        text.AppendLine("## Training").AppendLine();
        var best = training.BestEpoch is { } epoch ? epoch.ToString(Invariant) : "none";
        text.Append($"Best epoch (lowest validation loss, whose weights the model holds): {best}. Epochs are numbered from 0, as in the training log.");
        if (training.Cancelled)
        {
            text.Append(" The run was cancelled before its last epoch.");
        }

        if (training.StoppedEarly)
        {
            text.Append(" Early stopping ended the run.");
        }

        text.AppendLine().AppendLine();
        text.AppendLine("| Epoch | Training loss | Validation loss | Validation accuracy | Learning rate | Seconds |");
        text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var e in training.History)
        {
            Row(text,
                e.Epoch.ToString(Invariant),
                Number(e.TrainingLoss),
                Number(e.ValidationLoss),
                Number(e.ValidationAccuracy),
                e.LearningRate.ToString("G4", Invariant),
                e.Seconds.ToString("F1", Invariant));
        }

        if (files.TrainingCurvesPath is { } curves)
        {
            text.AppendLine();
            text.AppendLine($"![Training curves]({Path.GetFileName(curves)})");
        }
    }

    private static void Row(StringBuilder text, params string[] cells) => text.Append("| ").AppendJoin(" | ", cells).AppendLine(" |");

    private static string Number(double value) => value.ToString("F4", Invariant);

    // A label is user data: a pipe would split its table cell and a newline would end the table.
    private static string Cell(string label) => label.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
