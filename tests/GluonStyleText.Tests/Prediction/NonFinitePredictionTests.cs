using GluonStyleText.Bundles;
using GluonStyleText.Evaluation;
using GluonStyleText.Models;
using GluonStyleText.Prediction;
using GluonStyleText.Tests.Bundles;
using GluonStyleText.Tests.Evaluation;
using GluonStyleText.Tests.Training;
using GluonStyleText.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GluonStyleText.Tests.Prediction;

// The numbers a bundle gives must be the trainer's, the same every time, and never NaN dressed as a probability.
[Collection(SerialTorchCollection.Name)]
public sealed class NonFinitePredictionTests(TinyClassifierFixture fixture) : IClassFixture<TinyClassifierFixture>
{
    [Fact]
    public void TheLoadedBundleScoresTheValidationTextsExactlyAsTheTrainersOwnValidationPass()
    {
        // The fixture's trainer held out validation_fraction 0.2 of these reviews with its seed 5, and saved the
        // metrics of that pass (on the in-memory model) in the bundle.
        var (texts, labels) = TinyClassifierFixture.Reviews(200, seed: 1);
        using var classifier = TextClassifier.Load(fixture.BundlePath);
        var classIds = labels.Select(label => classifier.Labels.ToList().IndexOf(label)).ToArray();
        var (_, validation) = StratifiedSplit.Rows(classIds, 0.2, seed: 5);

        var metrics = TextClassifierEvaluator.Evaluate(classifier, validation.Select(row => texts[row]).ToList(), validation.Select(row => classIds[row]).ToList());

        var trainers = classifier.Bundle.Metrics!;
        Assert.Equal(trainers.Count, metrics.Count);
        Assert.Equal(trainers.Accuracy, metrics.Accuracy);
        Assert.Equal(trainers.MeanLoss, metrics.MeanLoss, 1e-5);
    }

    [Fact]
    public async Task TheSameFilePredictedTwiceGivesTheSameBytesEvenAfterFreedMemoryWasPoisoned()
    {
        var (texts, labels) = TinyClassifierFixture.Reviews(300, seed: 31);
        var input = fixture.WriteCsv("twice.csv", texts, labels);
        var options = new CsvPredictionOptions { TextColumn = "review", IncludeClassProbabilities = true, TopK = 2 };
        var first = Path.Combine(fixture.Folder, "twice-1.csv");
        var second = Path.Combine(fixture.Folder, "twice-2.csv");

        await new CsvBatchPredictor(fixture.Classifier, options).PredictFileAsync(input, first);
        FreedMemoryPoison.Apply();
        await new CsvBatchPredictor(fixture.Classifier, options).PredictFileAsync(input, second);

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        Assert.DoesNotContain("NaN", File.ReadAllText(first), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RowsWithNaNOutputsGetAnErrorAndTheSummaryCountsThem()
    {
        using var classifier = NaNClassifier();
        var (texts, labels) = TinyClassifierFixture.Reviews(20, seed: 4);
        var input = fixture.WriteCsv("nan-rows.csv", texts, labels);
        var output = Path.Combine(fixture.Folder, "nan-rows_output.csv");

        var summary = await new CsvBatchPredictor(classifier, new CsvPredictionOptions { TextColumn = "review", ReviewBelow = 0.8 })
            .PredictFileAsync(input, output);

        Assert.Equal(20, summary.RowsRejected);
        Assert.Equal(20, summary.RowsWithNonFiniteOutput);
        Assert.Equal(0, summary.RowsPredicted);
        var lines = File.ReadAllLines(output);
        Assert.All(lines.Skip(1), line => Assert.EndsWith(",,true," + CsvBatchPredictor.NonFiniteRowError, line, StringComparison.Ordinal));
        Assert.DoesNotContain("NaN,", File.ReadAllText(output), StringComparison.Ordinal);
    }

    [Fact]
    public void PredictAndEvaluateRefuseNaNOutputs()
    {
        using var classifier = NaNClassifier();

        Assert.Throws<NonFiniteNumbersException>(() => classifier.Predict("the film was great"));
        var error = Assert.Throws<NonFiniteNumbersException>(() => TextClassifierEvaluator.Evaluate(classifier, ["the film was great", "boring"], [1, 0]));
        Assert.Contains("text 1 of 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABundleWithANaNWeightIsNeitherWrittenNorLoaded()
    {
        using var bundle = ModelBundle.Load(fixture.BundlePath);
        using (no_grad())
        {
            bundle.Model.get_parameter("output.bias")![0] = tensor(float.NaN);
        }

        var refused = Path.Combine(fixture.Folder, "nan-bundle");
        var error = Assert.Throws<NonFiniteNumbersException>(() => ModelBundle.Save(refused, bundle.Options, bundle.Transformer, bundle.Labels, bundle.Model));
        Assert.Contains("tensor 'output.bias' holds 1 NaN or infinite values", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(refused));

        // A bundle from elsewhere (an older version, another tool): NaN weights under a manifest that matches them.
        var copy = BundleEdits.CopyFolder(fixture.BundlePath, Path.Combine(fixture.Folder, "nan-weights-copy"));
        bundle.Model.save(Path.Combine(copy, BundleFiles.Weights));
        BundleEdits.Rehash(copy, BundleFiles.Weights);
        var loadError = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(copy));
        Assert.Contains("tensor 'output.bias' holds 1 NaN or infinite values", loadError.Message, StringComparison.Ordinal);
    }

    // The fixture's model with one NaN weight in memory: every output is NaN, as on a machine whose kernels read freed NaN.
    private TextClassifier NaNClassifier()
    {
        var classifier = TextClassifier.Load(fixture.BundlePath);
        using (no_grad())
        {
            classifier.Bundle.Model.get_parameter("output.bias")![0] = tensor(float.NaN);
        }

        return classifier;
    }
}
