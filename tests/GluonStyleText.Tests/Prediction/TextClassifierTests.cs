using GluonStyleText.Bundles;
using GluonStyleText.Prediction;
using GluonStyleText.Tests.Evaluation;

namespace GluonStyleText.Tests.Prediction;

[Collection(GluonStyleText.Tests.Training.SerialTorchCollection.Name)]
public sealed class TextClassifierTests(TinyClassifierFixture fixture) : IClassFixture<TinyClassifierFixture>
{
    private TextClassifier Classifier => fixture.Classifier;

    [Theory]
    [InlineData("the film was wonderful and the music superb", "pos")]
    [InlineData("the plot was boring and the actor terrible", "neg")]
    public void PredictGivesTheLabelItsProbabilityAndEveryClassProbability(string text, string expected)
    {
        var prediction = Classifier.Predict(text);

        Assert.Equal(expected, prediction.Label);
        Assert.Equal(Classifier.Labels, prediction.Labels);
        Assert.Equal(expected, prediction.Labels[prediction.ClassId]);
        Assert.Equal(prediction.Probabilities.Max(), prediction.Probability);
        Assert.Equal(prediction.Probabilities[prediction.ClassId], prediction.Probability);
        Assert.Equal(Classifier.Labels.Count, prediction.Probabilities.Count);
        Assert.Equal(1.0, prediction.Probabilities.Sum(p => (double)p), 1e-5);
        Assert.All(prediction.Probabilities, p => Assert.InRange(p, 0f, 1f));
        Assert.True(prediction.Probability > 0.8, $"the tiny model should be sure of '{text}': {prediction.Probability}");
    }

    [Fact]
    public void TopKIsOrderedByProbability()
    {
        var prediction = Classifier.Predict("the story was great");

        var top = prediction.TopK(5);

        Assert.Equal(Classifier.Labels.Count, top.Count);
        Assert.Equal((prediction.Label, prediction.Probability), top[0]);
        Assert.True(top[0].Probability >= top[1].Probability);
        Assert.Equal(Classifier.Labels.Order(StringComparer.Ordinal), top.Select(t => t.Label).Order(StringComparer.Ordinal));
        Assert.Equal([(prediction.Label, prediction.Probability)], prediction.TopK(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => prediction.TopK(0));
    }

    [Fact]
    public void PredictBatchEqualsPredictingEachText()
    {
        var (texts, _) = TinyClassifierFixture.Reviews(45, seed: 21);

        var batch = Classifier.PredictBatch(texts, batchSize: 7);

        Assert.Equal(texts.Count, batch.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            var single = Classifier.Predict(texts[i]);
            Assert.Equal(single.Label, batch[i].Label);
            Assert.Equal(single.ClassId, batch[i].ClassId);
            Assert.Equal(single.Probabilities.ToArray(), batch[i].Probabilities.ToArray(), (a, b) => Math.Abs(a - b) < 1e-6f);
        }
    }

    [Fact]
    public void PredictBatchOfAnArrayAndOfAListAgree()
    {
        var (texts, _) = TinyClassifierFixture.Reviews(10, seed: 22);

        var fromList = Classifier.PredictBatch(texts, batchSize: 3);
        var fromArray = Classifier.PredictBatch(texts.ToArray(), batchSize: 3);

        Assert.Equal(fromList.Select(p => p.Label), fromArray.Select(p => p.Label));
        Assert.Equal(fromList.SelectMany(p => p.Probabilities), fromArray.SelectMany(p => p.Probabilities));
    }

    [Fact]
    public void ConcurrentPredictionsEqualSerialOnes()
    {
        var (texts, _) = TinyClassifierFixture.Reviews(60, seed: 23);
        var serial = texts.Select(text => Classifier.Predict(text).Probabilities.ToArray()).ToArray();
        var concurrent = new float[texts.Count][];

        var threads = Enumerable.Range(0, 4).Select(worker => new Thread(() =>
        {
            for (var round = 0; round < 3; round++)
            {
                for (var i = worker; i < texts.Count; i += 4)
                {
                    concurrent[i] = Classifier.Predict(texts[i]).Probabilities.ToArray();
                }
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());

        for (var i = 0; i < texts.Count; i++)
        {
            Assert.Equal(serial[i], concurrent[i], (a, b) => Math.Abs(a - b) < 1e-6f);
        }
    }

    [Fact]
    public async Task PredictionsFromAsyncContinuationsEqualSerialOnesAndADisposedClassifierSaysSo()
    {
        var (texts, _) = TinyClassifierFixture.Reviews(12, seed: 25);
        var classifier = TextClassifier.Load(fixture.BundlePath);
        var serial = texts.Select(text => classifier.Predict(text).Probabilities.ToArray()).ToArray();

        // Each call resumes on some thread-pool thread; every pass still runs on the classifier's own thread.
        var fromTasks = await Task.WhenAll(texts.Select(async text =>
        {
            await Task.Yield();
            return classifier.Predict(text).Probabilities.ToArray();
        }));
        classifier.Dispose();

        Assert.Equal(serial, fromTasks);
        Assert.Throws<ObjectDisposedException>(() => classifier.Predict(texts[0]));
    }

    [Fact]
    public void NoTextsGiveNoPredictions()
    {
        Assert.Empty(Classifier.PredictBatch([]));
        Assert.Empty(Classifier.PredictProbabilities([]));
    }

    [Fact]
    public void ATextWithoutKnownWordsStillGetsProbabilitiesThatSumToOne()
    {
        foreach (var text in new[] { "", "!!!", "zebra quokka" })
        {
            var prediction = Classifier.Predict(text);
            Assert.Equal(1.0, prediction.Probabilities.Sum(p => (double)p), 1e-5);
            Assert.All(prediction.Probabilities, p => Assert.True(float.IsFinite(p)));
        }
    }

    [Fact]
    public void ANullTextIsRefused()
    {
        Assert.Throws<ArgumentNullException>(() => Classifier.Predict(null!));
        Assert.Throws<ArgumentException>(() => Classifier.PredictBatch(["fine", null!]));
    }

    [Fact]
    public void CancellationStopsABatch()
    {
        var (texts, _) = TinyClassifierFixture.Reviews(20, seed: 24);

        Assert.Throws<OperationCanceledException>(() => Classifier.PredictBatch(texts, 5, new CancellationToken(canceled: true)));
    }

    [Fact]
    public void LoadingANonexistentBundleNamesIt()
    {
        var path = Path.Combine(fixture.Folder, "missing-bundle");

        var error = Assert.Throws<BundleFormatException>(() => TextClassifier.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }
}
