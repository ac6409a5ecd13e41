using System.Text.Json;
using CsvHelper;

namespace GluonStyleText.Tests.Samples;

public sealed class CliEndToEndTests
{
    [Fact]
    public async Task TrainEvaluateAndPredictWorkTogether()
    {
        using var folder = new TemporaryDirectory();
        var (_, test, config) = TinyImdbData.Write(folder.Path);
        var bundle = folder.Combine("model.zip");

        var train = await CliRun.RunAsync(["train", "--data", folder.Path, "--config", config, "--output", bundle, "--report", folder.Combine("validation")]);
        Assert.True(train.ExitCode == 0, train.ToString());
        Assert.True(File.Exists(bundle));
        Assert.Contains($"Model bundle: {bundle}", train.Out, StringComparison.Ordinal);
        Assert.Contains("Validation accuracy: ", train.Out, StringComparison.Ordinal);
        Assert.Contains("Epoch 1/1  100.0%  batch 8/8  loss ", train.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(folder.Combine("validation", "training-curves.png")));

        var evaluate = await CliRun.RunAsync(["evaluate", "--model", bundle, "--test", test, "--report", folder.Combine("report")]);
        Assert.True(evaluate.ExitCode == 0, evaluate.ToString());
        Assert.Matches(@"Accuracy on test\.csv: \d+\.\d\d % of 200 reviews", evaluate.Out);
        Assert.Matches(@"\n  negative +\d\.\d{4} +\d\.\d{4} +\d\.\d{4} +\d+", evaluate.Out);
        using (var metrics = JsonDocument.Parse(File.ReadAllText(folder.Combine("report", "metrics.json"))))
        {
            Assert.Equal(200, metrics.RootElement.GetProperty("Count").GetInt32());
        }

        Assert.True(File.Exists(folder.Combine("report", "confusion-matrix.png")));

        var predictions = folder.Combine("predictions.csv");
        var predict = await CliRun.RunAsync(["predict", "--model", bundle, "--input", test, "--output", predictions, "--class-probabilities"]);
        Assert.True(predict.ExitCode == 0, predict.ToString());
        Assert.Contains("(200 rows: 200 classified, 0 with an error;", predict.Out, StringComparison.Ordinal);
        using (var reader = CsvReader.FromFile(predictions))
        {
            var rows = 0;
            while (reader.Read())
            {
                rows++;
            }

            Assert.Equal(["sentiment", "review", "prediction", "probability", "probability_negative", "probability_positive", "error"], reader.Headers);
            Assert.Equal(200, rows);
        }

        var single = await CliRun.RunAsync(["predict", "--model", bundle, "--text", "a wonderful, brilliant film"]);
        Assert.True(single.ExitCode == 0, single.ToString());
        Assert.Matches(@"^Label: (negative|positive) \(probability 0\.\d{4}\)\r?\nTop 2:\r?\n  (negative|positive)  0\.\d{4}\r?\n", single.Out);
    }

    [Fact]
    public async Task DemoTrainsEvaluatesAndPredictsIntoOneFolder()
    {
        using var folder = new TemporaryDirectory();
        var (_, _, config) = TinyImdbData.Write(folder.Path);
        var output = folder.Combine("demo");

        var demo = await CliRun.RunAsync(["demo", "--data", folder.Path, "--config", config, "--output", output]);

        Assert.True(demo.ExitCode == 0, demo.ToString());
        Assert.True(File.Exists(Path.Combine(output, "model", "bundle.json")));
        Assert.True(File.Exists(Path.Combine(output, "report", "metrics.md")));
        Assert.True(File.Exists(Path.Combine(output, "report", "training-curves.png")));
        Assert.True(File.Exists(Path.Combine(output, "predictions.csv")));
        Assert.Matches(@"Test accuracy: +\d+\.\d\d % on 200 reviews", demo.Out);
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
}
