using System.Text.Json;
using GluonStyleText.Evaluation;

namespace GluonStyleText.Tests.Evaluation;

public sealed class ClassificationMetricsTests
{
    [Fact]
    public void FiguresMatchAHandWorkedExample()
    {
        // True:      0 0 0 1 1 2
        // Predicted: 0 0 1 1 2 2
        var metrics = ClassificationMetrics.FromPredictions(3, [0, 0, 0, 1, 1, 2], [0, 0, 1, 1, 2, 2], totalLoss: 3.0);

        Assert.Equal(6, metrics.Count);
        Assert.Equal(4.0 / 6, metrics.Accuracy, 1e-12);
        Assert.Equal(0.5, metrics.MeanLoss, 1e-12);
        Assert.Equal([[2, 1, 0], [0, 1, 1], [0, 0, 1]], metrics.ConfusionMatrix.Select(row => row.ToArray()));
        Assert.Equal([1.0, 0.5, 0.5], metrics.PerClass.Select(c => c.Precision));
        Assert.Equal([2.0 / 3, 0.5, 1.0], metrics.PerClass.Select(c => c.Recall), new ToleranceComparer(1e-12));
        Assert.Equal([0.8, 0.5, 2.0 / 3], metrics.PerClass.Select(c => c.F1), new ToleranceComparer(1e-12));
        Assert.Equal([3, 2, 1], metrics.PerClass.Select(c => c.Support));
        Assert.Equal((0.8 + 0.5 + (2.0 / 3)) / 3, metrics.MacroF1, 1e-12);
    }

    [Fact]
    public void ClassesNeverPredictedOrAbsentScoreZeroInsteadOfNaN()
    {
        var metrics = ClassificationMetrics.FromPredictions(3, [0, 0, 1], [0, 0, 0], totalLoss: 0);

        Assert.Equal([0.0, 0.0], metrics.PerClass.Skip(1).Select(c => c.Precision));
        Assert.Equal([0.0, 0.0], metrics.PerClass.Skip(1).Select(c => c.F1));
        Assert.Equal(0, metrics.PerClass[2].Support);
    }

    [Fact]
    public void ClassIdsOutOfRangeAreReportedWithTheirRow()
    {
        var error = Assert.Throws<ArgumentException>(() => ClassificationMetrics.FromPredictions(2, [0, 3], [0, 1], 0));

        Assert.Contains("Row 1: class id 3 is outside [0, 2) (n_classes = 2)", error.Message);
    }

    [Fact]
    public void RoundTripsThroughSystemTextJson()
    {
        var metrics = ClassificationMetrics.FromPredictions(2, [0, 1, 1], [0, 1, 0], totalLoss: 1.5);

        string json = JsonSerializer.Serialize(metrics);
        var copy = JsonSerializer.Deserialize<ClassificationMetrics>(json)!;

        Assert.Contains("\"ConfusionMatrix\":[[1,0],[1,1]]", json);
        Assert.Equal(metrics.Accuracy, copy.Accuracy);
        Assert.Equal(metrics.PerClass, copy.PerClass);
        Assert.Equal(json, JsonSerializer.Serialize(copy));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
