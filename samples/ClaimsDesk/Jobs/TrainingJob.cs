using GluonStyleText.Evaluation;
using GluonStyleText.Samples.ClaimsDesk.Models;
using GluonStyleText.Samples.ClaimsDesk.Storage;
using GluonStyleText.Training;

namespace GluonStyleText.Samples.ClaimsDesk.Jobs;

/// <summary>Training one model: progress per epoch and batch, then the model and its validation report.</summary>
internal sealed class TrainingJob(UploadedCsv upload, string textColumn, string labelColumn) : DeskJob
{
    public UploadedCsv Upload { get; } = upload;

    public string TextColumn { get; } = textColumn;

    public string LabelColumn { get; } = labelColumn;

    public int Epoch { get; private set; }

    public int Epochs { get; private set; }

    public ModelEntry? Model { get; private set; }

    public ClassificationMetrics? Metrics { get; private set; }

    public IReadOnlyList<string> Labels { get; private set; } = [];

    public void Report(TrainingProgress progress)
    {
        Epoch = progress.Epoch + 1;
        Epochs = progress.Epochs;
        Fraction = ((progress.Epoch * (double)progress.BatchesPerEpoch) + progress.Batch) / Math.Max(1, progress.Epochs * (double)progress.BatchesPerEpoch);
        Status = $"Epoch {Epoch} of {Epochs}, batch {progress.Batch} of {progress.BatchesPerEpoch}, loss {progress.Loss:F3}";
    }

    public void Complete(ModelEntry model, ClassificationMetrics? metrics, IReadOnlyList<string> labels, bool cancelled)
    {
        Model = model;
        Metrics = metrics;
        Labels = labels;
        var accuracy = metrics is null ? "" : $", validation accuracy {metrics.Accuracy:P1}";
        Complete(cancelled ? $"Stopped early at your request; the best model so far was kept{accuracy}" : $"Trained{accuracy}");
    }
}
