using GluonStyleText.Data;
using GluonStyleText.Evaluation;
using GluonStyleText.Training;

namespace GluonStyleText.Tests.Evaluation;

[Collection(GluonStyleText.Tests.Training.SerialTorchCollection.Name)]
public sealed class TextClassifierEvaluatorTests(TinyClassifierFixture fixture) : IClassFixture<TinyClassifierFixture>
{
    [Fact]
    public void MetricsAgreeWithTheClassifiersOwnPredictions()
    {
        var (texts, labels) = TinyClassifierFixture.Reviews(70, seed: 2);
        var csv = fixture.WriteCsv("agree.csv", texts, labels);

        var metrics = TextClassifierEvaluator.EvaluateCsv(fixture.Classifier, csv);

        var predictions = fixture.Classifier.PredictBatch(texts);
        var expectedAccuracy = predictions.Zip(labels).Count(pair => pair.First.Label == pair.Second) / 70.0;
        var expectedLoss = predictions.Zip(labels)
            .Average(pair => -Math.Log(pair.First.Probabilities[fixture.Classifier.Bundle.Labels.GetId(pair.Second)]));
        Assert.Equal(70, metrics.Count);
        Assert.Equal(expectedAccuracy, metrics.Accuracy, 1e-12);
        Assert.Equal(expectedLoss, metrics.MeanLoss, 1e-9);
        Assert.True(metrics.Accuracy > 0.9, $"The tiny model should learn the marker words; accuracy {metrics.Accuracy}.");
    }

    [Fact]
    public void MeanLossMatchesTheModelLevelEvaluator()
    {
        var (texts, labels) = TinyClassifierFixture.Reviews(50, seed: 3);
        var bundle = fixture.Classifier.Bundle;
        var classIds = labels.Select(bundle.Labels.GetId).ToArray();

        var metrics = TextClassifierEvaluator.Evaluate(fixture.Classifier, texts, classIds, batchSize: 16);

        var encoded = new EncodedDataset(bundle.Transformer.EncodeRowMajor(texts, default), classIds, bundle.Transformer.SequenceLength);
        var reference = Evaluator.Evaluate(bundle.Model, encoded, batchSize: 50);
        Assert.Equal(reference.Accuracy, metrics.Accuracy, 1e-12);
        Assert.Equal(reference.MeanLoss, metrics.MeanLoss, 1e-4);
        Assert.Equal(reference.ConfusionMatrix, metrics.ConfusionMatrix);
    }

    [Fact]
    public void ALabelTheModelDoesNotKnowNamesTheLine()
    {
        var csv = fixture.WriteCsv("unknown.csv", ["great film", "awful film", "plot"], ["pos", "neg", "meh"]);

        var error = Assert.Throws<DataFormatException>(() => TextClassifierEvaluator.EvaluateCsv(fixture.Classifier, csv));

        Assert.Equal(4, error.LineNumber);
        Assert.Contains("unknown.csv", error.Message, StringComparison.Ordinal);
        Assert.Contains("meh", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluatingAStreamGivesTheMetricsOfTheSameBytesInAFile()
    {
        var (texts, labels) = TinyClassifierFixture.Reviews(60, seed: 5);
        var csv = fixture.WriteCsv("stream.csv", texts, labels);
        var fromFile = TextClassifierEvaluator.EvaluateCsv(fixture.Classifier, csv);
        using var stream = new GluonStyleText.Tests.Data.ForwardOnlyStream(File.ReadAllBytes(csv));

        var fromStream = await TextClassifierEvaluator.EvaluateCsvAsync(fixture.Classifier, stream, "test-upload.csv");

        Assert.Equal(fromFile.Count, fromStream.Count);
        Assert.Equal(fromFile.Accuracy, fromStream.Accuracy);
        Assert.Equal(fromFile.MeanLoss, fromStream.MeanLoss);
        Assert.Equal(fromFile.ConfusionMatrix, fromStream.ConfusionMatrix);
        Assert.False(stream.Disposed);
    }

    [Fact]
    public void ALabelTheModelDoesNotKnowInAStreamNamesTheDisplayNameAndLine()
    {
        var csv = fixture.WriteCsv("unknown-stream.csv", ["great film", "plot"], ["pos", "meh"]);
        using var stream = new MemoryStream(File.ReadAllBytes(csv));

        var error = Assert.Throws<DataFormatException>(() => TextClassifierEvaluator.EvaluateCsv(fixture.Classifier, stream, "test-upload.csv"));

        Assert.Equal("test-upload.csv", error.FilePath);
        Assert.Equal(3, error.LineNumber);
        Assert.Contains("meh", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProgressCountsEveryText()
    {
        var (texts, labels) = TinyClassifierFixture.Reviews(10, seed: 4);
        var reports = new List<EvaluationProgress>();

        TextClassifierEvaluator.Evaluate(
            fixture.Classifier, texts, labels.Select(fixture.Classifier.Bundle.Labels.GetId).ToArray(), batchSize: 4, new Training.SynchronousProgress<EvaluationProgress>(reports.Add));

        Assert.Equal([4, 8, 10], reports.Select(report => report.TextsDone));
        Assert.All(reports, report => Assert.Equal(10, report.TotalTexts));
    }

    [Fact]
    public void CancellationThrows()
    {
        Assert.Throws<OperationCanceledException>(() =>
            TextClassifierEvaluator.Evaluate(fixture.Classifier, ["great"], [1], cancellationToken: new CancellationToken(canceled: true)));
    }

    [Fact]
    public void ClassIdsOutOfRangeAreReported()
    {
        var error = Assert.Throws<ArgumentException>(() => TextClassifierEvaluator.Evaluate(fixture.Classifier, ["great", "awful"], [1, 7]));

        Assert.Contains("Text 1 has class id 7, but the classifier has 2 classes", error.Message, StringComparison.Ordinal);
    }
}
