using System.Text.Json;
using GluonStyleText.Data;
using GluonStyleText.Evaluation;
using GluonStyleText.Training;

namespace GluonStyleText.Aws.Host.SageMaker;

/// <summary>What a SageMaker training run did, written to <c>/opt/ml/output/data/training-report.json</c>.</summary>
internal sealed record SageMakerTrainingReport
{
    public const string FileName = "training-report.json";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public required IReadOnlyList<string> TrainingFiles { get; init; }

    public required int Rows { get; init; }

    public required IReadOnlyList<string> Labels { get; init; }

    public int? ResumedAfterEpoch { get; init; }

    public int? BestEpoch { get; init; }

    public required bool Stopped { get; init; }

    public required bool StoppedEarly { get; init; }

    public ClassificationMetrics? ValidationMetrics { get; init; }

    public required IReadOnlyList<EpochSummary> History { get; init; }

    public required double Seconds { get; init; }

    public void Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        AtomicFile.WriteText(path, JsonSerializer.Serialize(this, JsonOptions));
    }
}
