using GluonStyleText.Evaluation;
using GluonStyleText.Training;

namespace GluonStyleText.Tests.Evaluation;

/// <summary>Known metrics and a training history, with numbers that are easy to find in a report.</summary>
internal static class ReportTestData
{
    public static readonly string[] Labels = ["negative", "positive"];

    // 90 texts: 40 of 50 negatives and 35 of 40 positives right.
    public static ClassificationMetrics Metrics() =>
        ClassificationMetrics.FromPredictions(
            2,
            [.. Enumerable.Repeat(0, 50), .. Enumerable.Repeat(1, 40)],
            [.. Enumerable.Repeat(0, 40), .. Enumerable.Repeat(1, 10), .. Enumerable.Repeat(1, 35), .. Enumerable.Repeat(0, 5)],
            totalLoss: 90 * 0.4321);

    public static TrainingResult Training() => new()
    {
        History =
        [
            Epoch(0, 0.6931, 0.6012, 0.7011),
            Epoch(1, 0.5123, 0.4890, 0.7822),
            Epoch(2, 0.3877, 0.4567, 0.8133),
        ],
        BestEpoch = 2,
        BestValidationMetrics = Metrics(),
        Cancelled = false,
        StoppedEarly = false,
    };

    private static EpochSummary Epoch(int epoch, double trainingLoss, double validationLoss, double accuracy) => new()
    {
        Epoch = epoch,
        TrainingLoss = trainingLoss,
        ValidationLoss = validationLoss,
        ValidationAccuracy = accuracy,
        LearningRate = 0.001,
        Seconds = 12.5,
    };
}
