using System.Text.Json;
using GluonStyleText.Evaluation;
using GluonStyleText.Tests.Support;

namespace GluonStyleText.Tests.Evaluation;

public sealed class EvaluationReportTests
{
    [Fact]
    public void WritesEveryFileWithoutLeavingTemporaryOnes()
    {
        using var folder = new TemporaryDirectory();
        var directory = folder.Combine("report", "nested");

        var files = EvaluationReport.Write(directory, ReportTestData.Metrics(), ReportTestData.Labels, ReportTestData.Training());

        Assert.Equal(
            ["confusion-matrix.png", "metrics.json", "metrics.md", "training-curves.png"],
            Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(Path.Combine(Path.GetFullPath(directory), "metrics.md"), files.MarkdownPath);
    }

    [Fact]
    public void JsonHasTheMetricsWithTheirLabelsAndTheHistory()
    {
        using var folder = new TemporaryDirectory();

        var files = EvaluationReport.Write(folder.Path, ReportTestData.Metrics(), ReportTestData.Labels, ReportTestData.Training());

        using var json = JsonDocument.Parse(File.ReadAllText(files.MetricsJsonPath));
        var root = json.RootElement;
        Assert.Equal(["negative", "positive"], root.GetProperty("Labels").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(90, root.GetProperty("Count").GetInt32());
        Assert.Equal(75.0 / 90, root.GetProperty("Accuracy").GetDouble(), 1e-12);
        Assert.Equal(0.4321, root.GetProperty("MeanLoss").GetDouble(), 1e-12);
        var positive = root.GetProperty("PerClass")[1];
        Assert.Equal("positive", positive.GetProperty("Label").GetString());
        Assert.Equal(40, positive.GetProperty("Support").GetInt32());
        Assert.Equal(10, root.GetProperty("ConfusionMatrix")[0][1].GetInt32());
        Assert.Equal(3, root.GetProperty("Training").GetProperty("History").GetArrayLength());
        Assert.Contains(Environment.NewLine + "  ", File.ReadAllText(files.MetricsJsonPath), StringComparison.Ordinal);
    }

    [Fact]
    public void MarkdownShowsTheNumbersTablesAndHistory()
    {
        using var folder = new TemporaryDirectory();

        var files = EvaluationReport.Write(folder.Path, ReportTestData.Metrics(), ReportTestData.Labels, ReportTestData.Training());

        var markdown = File.ReadAllText(files.MarkdownPath);
        Assert.Contains("| Accuracy | 0.8333 (83.33 %) |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Mean loss (cross-entropy) | 0.4321 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Macro F1 | 0.8328 |", markdown, StringComparison.Ordinal);

        // negative: precision 40/45, recall 40/50; positive: precision 35/45, recall 35/40.
        Assert.Contains("| negative | 0.8889 | 0.8000 | 0.8421 | 50 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| positive | 0.7778 | 0.8750 | 0.8235 | 40 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| actual \\ predicted | negative | positive |", markdown, StringComparison.Ordinal);
        Assert.Contains("| negative | 40 | 10 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| positive | 5 | 35 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 1 | 0.5123 | 0.4890 | 0.7822 | 0.001 | 12.5 |", markdown, StringComparison.Ordinal);
        Assert.Contains("Best epoch (lowest validation loss, whose weights the model holds): 2.", markdown, StringComparison.Ordinal);
        Assert.Contains("![Training curves](training-curves.png)", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutTrainingThereIsNoHistoryAndNoCurves()
    {
        using var folder = new TemporaryDirectory();

        var files = EvaluationReport.Write(folder.Path, ReportTestData.Metrics(), ReportTestData.Labels);

        Assert.Null(files.TrainingCurvesPath);
        Assert.False(File.Exists(Path.Combine(folder.Path, EvaluationReport.TrainingCurvesFileName)));
        Assert.DoesNotContain("## Training", File.ReadAllText(files.MarkdownPath), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(files.MetricsJsonPath));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("Training").ValueKind);
    }

    [Fact]
    public void ChartsAreSizablePngImages()
    {
        using var folder = new TemporaryDirectory();

        var files = EvaluationReport.Write(folder.Path, ReportTestData.Metrics(), ReportTestData.Labels, ReportTestData.Training());

        var (curvesWidth, curvesHeight) = PngFile.ReadSize(files.TrainingCurvesPath!);
        Assert.Equal((900, 540), (curvesWidth, curvesHeight));
        var (matrixWidth, matrixHeight) = PngFile.ReadSize(files.ConfusionMatrixPath);
        Assert.InRange(matrixWidth, 400, 2000);
        Assert.InRange(matrixHeight, 400, 2000);

        // A blank canvas compresses to almost nothing; axes, text and cells do not.
        Assert.True(new FileInfo(files.ConfusionMatrixPath).Length > 5_000);
        Assert.True(new FileInfo(files.TrainingCurvesPath!).Length > 5_000);
    }

    [Fact]
    public void ThousandsOfCategoriesShowTheLargestInTheChartAndTableAndKeepTheWholeMatrixInTheJson()
    {
        using var folder = new TemporaryDirectory();
        // 2,000 categories (a label column of identifiers), category i with 1 + (i % 97) texts, each predicted right.
        const int categories = 2_000;
        var labels = Enumerable.Range(0, categories).Select(i => $"C{i:D4}").ToArray();
        var actual = Enumerable.Range(0, categories).SelectMany(i => Enumerable.Repeat(i, 1 + (i % 97))).ToArray();
        var metrics = ClassificationMetrics.FromPredictions(categories, actual, actual, totalLoss: 0);

        var files = EvaluationReport.Write(folder.Path, metrics, labels);

        var shown = ReadableConfusion.Shown(metrics.ConfusionMatrix);
        Assert.Equal(ReadableConfusion.MaxCategories, shown.Length);
        Assert.All(shown, id => Assert.True(id % 97 >= 96 - 2, $"category {id} has {1 + (id % 97)} texts, not among the largest"));
        var (width, height) = PngFile.ReadSize(files.ConfusionMatrixPath);
        Assert.InRange(width, 400, 2000);
        Assert.InRange(height, 400, 2000);
        var markdown = File.ReadAllText(files.MarkdownPath);
        Assert.Contains("Shown: the 60 categories with the most texts, of 2,000; metrics.json holds the whole matrix.", markdown, StringComparison.Ordinal);
        var matrixSection = markdown[markdown.IndexOf("## Confusion matrix", StringComparison.Ordinal)..];
        Assert.DoesNotContain("| C0000 |", matrixSection, StringComparison.Ordinal);
        Assert.Contains("| C1939 |", matrixSection, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(files.MetricsJsonPath));
        Assert.Equal(categories, json.RootElement.GetProperty("ConfusionMatrix").GetArrayLength());
    }

    [Fact]
    public void LabelsWithPipesDoNotBreakTheTables()
    {
        using var folder = new TemporaryDirectory();

        var files = EvaluationReport.Write(folder.Path, ReportTestData.Metrics(), ["bad|worse", "good"]);

        Assert.Contains("| bad\\|worse | 0.8889 |", File.ReadAllText(files.MarkdownPath), StringComparison.Ordinal);
    }

    [Fact]
    public void LabelsMustMatchTheClasses()
    {
        using var folder = new TemporaryDirectory();

        var error = Assert.Throws<ArgumentException>(() => EvaluationReport.Write(folder.Path, ReportTestData.Metrics(), ["only one"]));

        Assert.Contains("There are 1 labels but the metrics have 2 classes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEarlierReportIsReplaced()
    {
        using var folder = new TemporaryDirectory();
        File.WriteAllText(Path.Combine(folder.Path, "metrics.md"), "old report");

        EvaluationReport.Write(folder.Path, ReportTestData.Metrics(), ReportTestData.Labels);

        Assert.StartsWith("# Evaluation report", File.ReadAllText(Path.Combine(folder.Path, "metrics.md")), StringComparison.Ordinal);
    }
}
