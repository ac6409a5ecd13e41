using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsvHelper;
using GluonStyleText.Tests.Evaluation;

namespace GluonStyleText.Samples.Tests;

[Collection(GluonStyleText.Tests.Training.SerialTorchCollection.Name)]
public sealed class CliEndToEndTests
{
    // The tiny reviews are told apart by marker words: LearningConfig's model gets all 200 test reviews right
    // (measured: 100.00 %, validation too); guessing gets about half, and swapped labels none.
    private const double MinimumAccuracyPercent = 95;

    [Fact]
    public async Task TrainEvaluateAndPredictWorkTogether()
    {
        using var folder = new TemporaryDirectory();
        var (_, test, config) = TinyImdbData.Write(folder.Path, TinyImdbData.LearningConfig);
        var bundle = folder.Combine("model.zip");

        var train = await CliRun.RunAsync(["train", "--data", folder.Path, "--config", config, "--output", bundle, "--report", folder.Combine("validation")]);
        Assert.True(train.ExitCode == 0, train.ToString());
        Assert.True(File.Exists(bundle));
        Assert.Contains($"Model bundle: {bundle}", train.Out, StringComparison.Ordinal);
        Assert.True(Percent(train.Out, @"Validation accuracy: (\d+\.\d\d) %") >= MinimumAccuracyPercent, train.ToString());
        Assert.Contains("Epoch 4/4  100.0%  batch 8/8  loss ", train.Error, StringComparison.Ordinal);
        PngFile.AssertDrawnImage(folder.Combine("validation", "training-curves.png"), 900, 540);

        var evaluate = await CliRun.RunAsync(["evaluate", "--model", bundle, "--test", test, "--report", folder.Combine("report")]);
        Assert.True(evaluate.ExitCode == 0, evaluate.ToString());
        var accuracy = Percent(evaluate.Out, @"Accuracy on test\.csv: (\d+\.\d\d) % of 200 reviews");
        Assert.True(accuracy >= MinimumAccuracyPercent, evaluate.ToString());
        Assert.Matches(@"\n  negative +\d\.\d{4} +\d\.\d{4} +\d\.\d{4} +\d+", evaluate.Out);
        using (var metrics = JsonDocument.Parse(File.ReadAllText(folder.Combine("report", "metrics.json"))))
        {
            Assert.Equal(200, metrics.RootElement.GetProperty("Count").GetInt32());
            Assert.Equal(accuracy, 100 * metrics.RootElement.GetProperty("Accuracy").GetDouble(), tolerance: 0.005);
        }

        // Two labels: the matrix is drawn at its smallest size, 600 x 500.
        PngFile.AssertDrawnImage(folder.Combine("report", "confusion-matrix.png"), 600, 500);

        var predictions = folder.Combine("predictions.csv");
        var predict = await CliRun.RunAsync(["predict", "--model", bundle, "--input", test, "--output", predictions, "--class-probabilities"]);
        Assert.True(predict.ExitCode == 0, predict.ToString());
        Assert.Contains("(200 rows: 200 classified, 0 with an error;", predict.Out, StringComparison.Ordinal);
        var expected = ReadRows(test);
        using (var reader = CsvReader.FromFile(predictions))
        {
            var rows = new List<(string Sentiment, string Review, string Prediction, double Probability)>();
            while (reader.Read())
            {
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), double.Parse(reader.GetString(3), CultureInfo.InvariantCulture)));
            }

            Assert.Equal(["sentiment", "review", "prediction", "probability", "probability_negative", "probability_positive", "error"], reader.Headers);
            Assert.Equal(expected, rows.Select(row => (row.Sentiment, row.Review)));

            // Every test review carries two marker words of its label, so its right answer is known.
            int right = rows.Count(row => row.Prediction == row.Sentiment);
            Assert.True(100.0 * right / rows.Count >= MinimumAccuracyPercent, $"{right} of {rows.Count} predictions match their review's label");
            Assert.Equal(accuracy, 100.0 * right / rows.Count, tolerance: 0.005);
            Assert.All(rows, row => Assert.InRange(row.Probability, 0.5, 1.0));
        }

        var single = await CliRun.RunAsync(["predict", "--model", bundle, "--text", "a wonderful, brilliant film"]);
        Assert.True(single.ExitCode == 0, single.ToString());
        Assert.Matches(@"^Label: positive \(probability [01]\.\d{4}\)\r?\nTop 2:\r?\n  positive  [01]\.\d{4}\r?\n  negative  0\.\d{4}\r?\n", single.Out);
        var negative = await CliRun.RunAsync(["predict", "--model", bundle, "--text", "an awful, boring film"]);
        Assert.True(negative.ExitCode == 0, negative.ToString());
        Assert.StartsWith("Label: negative (probability ", negative.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoTrainsEvaluatesAndPredictsIntoOneFolder()
    {
        using var folder = new TemporaryDirectory();
        var (_, _, config) = TinyImdbData.Write(folder.Path, TinyImdbData.LearningConfig);
        var output = folder.Combine("demo");

        var demo = await CliRun.RunAsync(["demo", "--data", folder.Path, "--config", config, "--output", output]);

        Assert.True(demo.ExitCode == 0, demo.ToString());
        Assert.True(File.Exists(Path.Combine(output, "model", "bundle.json")));
        Assert.True(File.Exists(Path.Combine(output, "report", "metrics.md")));
        PngFile.AssertDrawnImage(Path.Combine(output, "report", "training-curves.png"), 900, 540);
        PngFile.AssertDrawnImage(Path.Combine(output, "report", "confusion-matrix.png"), 600, 500);
        Assert.True(Percent(demo.Out, @"Test accuracy: +(\d+\.\d\d) % on 200 reviews") >= MinimumAccuracyPercent, demo.ToString());
        using (var reader = CsvReader.FromFile(Path.Combine(output, "predictions.csv")))
        {
            int rows = 0, right = 0;
            while (reader.Read())
            {
                rows++;
                var headers = reader.Headers!.ToList();
                right += reader.GetString(headers.IndexOf("prediction")) == reader.GetString(headers.IndexOf("sentiment")) ? 1 : 0;
            }

            Assert.Equal(200, rows);
            Assert.True(100.0 * right / rows >= MinimumAccuracyPercent, $"{right} of {rows} demo predictions match their review's label");
        }

        Assert.Matches(@"Timings: +data \d+\.\d s, training \d+\.\d s, evaluation \d+\.\d s, prediction \d+\.\d s", demo.Out);
        Assert.Contains($"Predictions:    {Path.Combine(output, "predictions.csv")}", demo.Out, StringComparison.Ordinal);
        Assert.Contains("## Training", File.ReadAllText(Path.Combine(output, "report", "metrics.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelledPredictionLeavesNoOutput()
    {
        using var folder = new TemporaryDirectory();
        var (train, test, config) = TinyImdbData.Write(folder.Path);
        var bundle = folder.Combine("model");
        Assert.Equal(0, (await CliRun.RunAsync(["train", "--train", train, "--config", config, "--output", bundle])).ExitCode);
        var predictions = folder.Combine("out", "predictions.csv");

        var predict = await CliRun.RunAsync(["predict", "--model", bundle, "--input", test, "--output", predictions], new CancellationToken(canceled: true));

        Assert.Equal(130, predict.ExitCode);
        Assert.Contains("Cancelled; nothing partial was left behind.", predict.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(folder.Combine("out")) ? Directory.GetFiles(folder.Combine("out")) : []);
    }

    [Fact]
    public async Task TrainingCancelledBeforeItStartsWritesNoBundle()
    {
        using var folder = new TemporaryDirectory();
        var (train, _, config) = TinyImdbData.Write(folder.Path);

        var run = await CliRun.RunAsync(["train", "--train", train, "--config", config, "--output", folder.Combine("model")], new CancellationToken(canceled: true));

        Assert.Equal(130, run.ExitCode);
        Assert.False(Directory.Exists(folder.Combine("model")));
    }

    private static double Percent(string output, [System.Diagnostics.CodeAnalysis.StringSyntax("Regex")] string pattern)
    {
        var match = Regex.Match(output, pattern);
        Assert.True(match.Success, $"no match for '{pattern}' in:{Environment.NewLine}{output}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static List<(string Sentiment, string Review)> ReadRows(string path)
    {
        using var reader = CsvReader.FromFile(path);
        var rows = new List<(string, string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }
}
