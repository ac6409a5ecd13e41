using System.Text.Json;
using System.Text.Json.Serialization;
using GluonStyleText.Training;

namespace GluonStyleText.Evaluation;

/// <summary>The shape of <c>metrics.json</c>: the metrics with each class's label beside its id.</summary>
internal sealed record EvaluationReportDocument
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,

        // A diverged run has NaN losses; the report must still be written.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public required IReadOnlyList<string> Labels { get; init; }

    public required int Count { get; init; }

    public required double Accuracy { get; init; }

    public required double MeanLoss { get; init; }

    public required double MacroF1 { get; init; }

    public required IReadOnlyList<LabeledClassMetrics> PerClass { get; init; }

    public required IReadOnlyList<IReadOnlyList<int>> ConfusionMatrix { get; init; }

    public TrainingResult? Training { get; init; }

    public static EvaluationReportDocument From(ClassificationMetrics metrics, IReadOnlyList<string> labels, TrainingResult? training) => new()
    {
        Labels = labels,
        Count = metrics.Count,
        Accuracy = metrics.Accuracy,
        MeanLoss = metrics.MeanLoss,
        MacroF1 = metrics.MacroF1,
        PerClass = metrics.PerClass.Select(c => new LabeledClassMetrics(labels[c.ClassId], c.ClassId, c.Precision, c.Recall, c.F1, c.Support)).ToList(),
        ConfusionMatrix = metrics.ConfusionMatrix,
        Training = training,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    internal sealed record LabeledClassMetrics(string Label, int ClassId, double Precision, double Recall, double F1, int Support);
}
