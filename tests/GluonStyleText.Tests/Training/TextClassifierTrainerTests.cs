using System.Globalization;
using System.Text;
using GluonStyleText.Bundles;
using GluonStyleText.Data;
using GluonStyleText.Models;
using GluonStyleText.Options;
using GluonStyleText.Prediction;
using GluonStyleText.Tests.Bundles;
using GluonStyleText.Tests.Evaluation;
using GluonStyleText.Tests.Options;
using GluonStyleText.Training;
using Microsoft.Extensions.Options;

namespace GluonStyleText.Tests.Training;

/// <summary>From labeled texts to a saved bundle in one call: accuracy, cancellation, resuming, odd metrics.</summary>
[Collection(SerialTorchCollection.Name)]
public sealed class TextClassifierTrainerTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TrainsASeparableToySetToHighAccuracyAndWritesALoadableBundle(bool cnn)
    {
        var (texts, labels) = TinyClassifierFixture.Reviews(300, seed: 41);
        var bundlePath = Path.Combine(_temp.Path, "reviews.zip");

        var result = new TextClassifierTrainer(Options(cnn)).Train(texts, labels, bundlePath);

        Assert.False(result.Training.Cancelled);
        Assert.Equal(Options(cnn).Epochs, result.Training.History.Count);
        Assert.True(result.ValidationMetrics!.Accuracy >= 0.95, $"validation accuracy {result.ValidationMetrics.Accuracy}");
        Assert.Equal(["neg", "pos"], result.Labels.Labels);
        Assert.Equal(bundlePath, result.BundlePath);
        Assert.Null(result.EmbeddingCoverage);
        Assert.Equal(2 + 16, result.VocabularyCount);

        using var classifier = TextClassifier.Load(bundlePath);
        var (fresh, freshLabels) = TinyClassifierFixture.Reviews(100, seed: 42);
        var accuracy = classifier.PredictBatch(fresh).Zip(freshLabels).Count(pair => pair.First.Label == pair.Second) / 100.0;
        Assert.True(accuracy >= 0.95, $"accuracy on new texts {accuracy}");
        Assert.Equal(result.ValidationMetrics.Accuracy, classifier.Bundle.Metrics!.Accuracy);
        Assert.Equal(cnn ? "cnn" : "bilstm", classifier.Bundle.Manifest.Model);
        Assert.Equal(["reviews.zip"], BundleEdits.Leftovers(_temp.Path));
    }

    [Fact]
    public void RefitTrainsAFreshModelOnAllTextsForTheChosenNumberOfEpochs()
    {
        var (texts, labels) = TinyClassifierFixture.Reviews(300, seed: 44);
        var options = Options(cnn: true);
        var plainPath = Path.Combine(_temp.Path, "plain.zip");
        var refitPath = Path.Combine(_temp.Path, "refit.zip");
        var plain = new TextClassifierTrainer(options).Train(texts, labels, plainPath);
        options.RefitOnAllData = true;
        var logger = new CollectingLogger();

        var refit = new TextClassifierTrainer(options, logger).Train(texts, labels, refitPath);

        // The selection run is the plain run; its metrics stay the bundle's, and the refit's epochs
        // are the chosen count, over all 300 texts rather than 240.
        Assert.Equal(plain.Training.BestEpoch, refit.Training.BestEpoch);
        Assert.Equal(plain.ValidationMetrics!.Accuracy, refit.ValidationMetrics!.Accuracy);
        int epochs = refit.Training.BestEpoch!.Value + 1;
        Assert.Contains($"Refitting a fresh TextCnn on all 300 texts for {epochs} epochs, the number the validation chose", logger.Messages);
        Assert.Equal(epochs, logger.Messages.Count(message => message.StartsWith("Refit epoch ", StringComparison.Ordinal)));

        using var plainClassifier = TextClassifier.Load(plainPath);
        using var refitClassifier = TextClassifier.Load(refitPath);
        var (fresh, freshLabels) = TinyClassifierFixture.Reviews(100, seed: 45);
        var refitPredictions = refitClassifier.PredictBatch(fresh);
        var accuracy = refitPredictions.Zip(freshLabels).Count(pair => pair.First.Label == pair.Second) / 100.0;
        Assert.True(accuracy >= 0.95, $"accuracy on new texts {accuracy}");
        Assert.NotEqual(
            plainClassifier.PredictBatch(fresh).Select(prediction => prediction.Probability),
            refitPredictions.Select(prediction => prediction.Probability));
    }

    [Fact]
    public void TrainsFromALabeledCsvFile()
    {
        var (texts, labels) = TinyClassifierFixture.Reviews(200, seed: 43);
        var csv = WriteCsv("claims.csv", texts, labels, extraRows: "");
        var bundlePath = Path.Combine(_temp.Path, "claims-model");

        var result = new TextClassifierTrainer(Options(cnn: true)).TrainFromCsv(csv, bundlePath);

        Assert.True(result.ValidationMetrics!.Accuracy >= 0.95, $"validation accuracy {result.ValidationMetrics.Accuracy}");
        using var classifier = TextClassifier.Load(bundlePath);
        Assert.Equal("pos", classifier.Predict("the film was wonderful").Label);
    }

    [Fact]
    public void ABadRowInTheCsvFileIsNamedByLine()
    {
        var csv = WriteCsv("bad.csv", ["great film", "awful plot"], ["pos", "neg"], extraRows: "pos,\"\"\n");

        var failOnBadRows = Options(cnn: true);
        failOnBadRows.BadRows = "fail";
        var error = Assert.Throws<DataFormatException>(() => new TextClassifierTrainer(failOnBadRows).TrainFromCsv(csv, Path.Combine(_temp.Path, "never")));

        Assert.Equal(4, error.LineNumber);
        Assert.False(Directory.Exists(Path.Combine(_temp.Path, "never")));
    }

    [Fact]
    public void InvalidOptionsFailBeforeAnyWork()
    {
        var options = Options(cnn: true);
        options.SequenceLength = 0;

        var error = Assert.Throws<OptionsValidationException>(() => new TextClassifierTrainer(options));

        Assert.Contains("seq_len", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MoreLabelsThanClassesIsAClearError()
    {
        var twoClasses = Options(cnn: true);
        twoClasses.NumberOfClasses = 2;
        var error = Assert.Throws<ArgumentException>(() =>
            new TextClassifierTrainer(twoClasses).Train(["a", "b", "c"], ["x", "y", "z"], Path.Combine(_temp.Path, "never")));

        Assert.Contains("set n_classes to 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CancellingBeforeTheFirstEpochEndsThrowsAndWritesNothing()
    {
        var (texts, labels) = TinyClassifierFixture.Reviews(200, seed: 44);
        var bundlePath = Path.Combine(_temp.Path, "cancelled.zip");
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress<TrainingProgress>(p =>
        {
            if (p.Batch == 2)
            {
                cancel.Cancel();
            }
        });

        Assert.ThrowsAny<OperationCanceledException>(() =>
            new TextClassifierTrainer(Options(cnn: true)).Train(texts, labels, bundlePath, progress: progress, cancellationToken: cancel.Token));

        Assert.Empty(BundleEdits.Leftovers(_temp.Path));
    }

    [Fact]
    public void CancellingLaterSavesTheBestModelSoFar()
    {
        var (texts, labels) = TinyClassifierFixture.Reviews(200, seed: 45);
        var bundlePath = Path.Combine(_temp.Path, "partial");
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress<TrainingProgress>(p =>
        {
            if (p.Epoch == 2 && p.Batch == 1)
            {
                cancel.Cancel();
            }
        });

        var result = new TextClassifierTrainer(Options(cnn: true)).Train(texts, labels, bundlePath, progress: progress, cancellationToken: cancel.Token);

        Assert.True(result.Training.Cancelled);
        Assert.Equal(2, result.Training.History.Count);
        Assert.NotNull(result.Training.BestEpoch);
        using var bundle = ModelBundle.Load(bundlePath);
        Assert.Equal(result.ValidationMetrics!.MeanLoss, bundle.Metrics!.MeanLoss);
    }

    [Fact]
    public void ResumingContinuesExactlyWhereTheCheckpointLeftOff()
    {
        var (texts, labels) = TinyClassifierFixture.Reviews(200, seed: 46);
        var checkpoints = Path.Combine(_temp.Path, "checkpoints");
        var full = new TextClassifierTrainer(Options(cnn: true)).Train(texts, labels, Path.Combine(_temp.Path, "full"));
        var twoEpochs = Options(cnn: true);
        twoEpochs.Epochs = 2;
        new TextClassifierTrainer(twoEpochs).Train(texts, labels, Path.Combine(_temp.Path, "first"), new TrainingRunOptions { CheckpointDirectory = checkpoints });

        var resumed = new TextClassifierTrainer(Options(cnn: true)).Train(
            texts, labels, Path.Combine(_temp.Path, "resumed"), new TrainingRunOptions { CheckpointDirectory = checkpoints, ResumeFrom = checkpoints });

        Assert.Equal(full.Training.History.Select(e => e.TrainingLoss), resumed.Training.History.Select(e => e.TrainingLoss));
        Assert.Equal(full.Training.History.Select(e => e.ValidationLoss), resumed.Training.History.Select(e => e.ValidationLoss));
        using var fullModel = TextClassifier.Load(full.BundlePath);
        using var resumedModel = TextClassifier.Load(resumed.BundlePath);
        Assert.Equal(fullModel.PredictProbabilities(texts[..20]), resumedModel.PredictProbabilities(texts[..20]));
    }

    [Fact]
    public void ResumingKeepsTheTransformerAndLabelsOfTheCheckpoint()
    {
        var (texts, labels) = TinyClassifierFixture.Reviews(200, seed: 47);
        var checkpoints = Path.Combine(_temp.Path, "checkpoints");
        var twoEpochs = Options(cnn: true);
        twoEpochs.Epochs = 2;
        new TextClassifierTrainer(twoEpochs).Train(texts, labels, Path.Combine(_temp.Path, "first"), new TrainingRunOptions { CheckpointDirectory = checkpoints });
        using var first = ModelBundle.Load(Path.Combine(_temp.Path, "first"));

        // More data arrived meanwhile, with new words that a fresh fit would give ids (and shift others).
        var more = Enumerable.Range(0, 60).Select(i => $"zebra quokka narwhal axolotl {(i % 2 == 0 ? "great" : "awful")}").ToList();
        var moreLabels = Enumerable.Range(0, 60).Select(i => i % 2 == 0 ? "pos" : "neg").ToList();
        var resumed = new TextClassifierTrainer(Options(cnn: true)).Train(
            [.. more, .. texts], [.. moreLabels, .. labels], Path.Combine(_temp.Path, "resumed"), new TrainingRunOptions { ResumeFrom = checkpoints });

        using var bundle = ModelBundle.Load(resumed.BundlePath);
        Assert.Equal(first.Transformer.Vocabulary.Words, bundle.Transformer.Vocabulary.Words);
        Assert.Equal(first.Labels.Labels, bundle.Labels.Labels);
        Assert.Equal(first.Transformer.Vocabulary.Count, resumed.VocabularyCount);
        Assert.Equal(4, resumed.Training.History.Count);
    }

    [Fact]
    public void ResumingWithALabelTheCheckpointDoesNotKnowIsAClearError()
    {
        var (texts, labels) = TinyClassifierFixture.Reviews(100, seed: 48);
        var checkpoints = Path.Combine(_temp.Path, "checkpoints");
        var oneEpoch = Options(cnn: true);
        oneEpoch.Epochs = 1;
        new TextClassifierTrainer(oneEpoch).Train(texts, labels, Path.Combine(_temp.Path, "first"), new TrainingRunOptions { CheckpointDirectory = checkpoints });
        var renamed = labels.Select(label => label == "pos" ? "positive" : label).ToList();

        var error = Assert.Throws<ArgumentException>(() => new TextClassifierTrainer(Options(cnn: true)).Train(
            texts, renamed, Path.Combine(_temp.Path, "never"), new TrainingRunOptions { ResumeFrom = checkpoints }));

        Assert.Contains("'positive'", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_temp.Path, "never")));
    }

    [Fact]
    public void ResumingFromACsvFileMapsItsLabelsWithTheCheckpointsMap()
    {
        var (texts, labels) = TinyClassifierFixture.Reviews(150, seed: 49);
        var checkpoints = Path.Combine(_temp.Path, "checkpoints");
        var oneEpoch = Options(cnn: true);
        oneEpoch.Epochs = 1;
        new TextClassifierTrainer(oneEpoch).Train(texts, labels, Path.Combine(_temp.Path, "first"), new TrainingRunOptions { CheckpointDirectory = checkpoints });
        var csv = WriteCsv("more.csv", texts, labels, extraRows: "meh,the plot\n");

        var failOnBadRows = Options(cnn: true);
        failOnBadRows.BadRows = "fail";
        var error = Assert.Throws<DataFormatException>(() => new TextClassifierTrainer(failOnBadRows).TrainFromCsv(
            csv, Path.Combine(_temp.Path, "never"), new TrainingRunOptions { ResumeFrom = checkpoints }));

        Assert.Equal(152, error.LineNumber);
        Assert.Contains("meh", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFreshRunIntoAnOldCheckpointFolderNeverLeavesTheOldWeightsResumableWithItsNewVocabulary()
    {
        var (texts, labels) = TinyClassifierFixture.Reviews(100, seed: 52);
        var checkpoints = Path.Combine(_temp.Path, "checkpoints");
        var oneEpoch = Options(cnn: true);
        oneEpoch.Epochs = 1;
        new TextClassifierTrainer(oneEpoch).Train(texts, labels, Path.Combine(_temp.Path, "old"), new TrainingRunOptions { CheckpointDirectory = checkpoints });
        using var cancel = new CancellationTokenSource();
        var stopAtOnce = new SynchronousProgress<TrainingProgress>(_ => cancel.Cancel());

        // Other data, a new vocabulary, stopped before its first checkpoint.
        Assert.ThrowsAny<OperationCanceledException>(() => new TextClassifierTrainer(oneEpoch).Train(
            ["zebra great", "quokka awful", "narwhal great", "axolotl awful"], ["pos", "neg", "pos", "neg"], Path.Combine(_temp.Path, "new"),
            new TrainingRunOptions { CheckpointDirectory = checkpoints }, stopAtOnce, cancel.Token));

        Assert.Throws<FileNotFoundException>(() => new TextClassifierTrainer(Options(cnn: true)).Train(
            texts, labels, Path.Combine(_temp.Path, "never"), new TrainingRunOptions { ResumeFrom = checkpoints }));
    }

    [Fact]
    public void ResumingFromAFolderWithoutACheckpointSaysSo()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_temp.Path, "no-checkpoint")).FullName;

        Assert.Throws<FileNotFoundException>(() => new TextClassifierTrainer(Options(cnn: true)).Train(
            ["great", "awful"], ["pos", "neg"], Path.Combine(_temp.Path, "never"), new TrainingRunOptions { ResumeFrom = empty }));
    }

    [Fact]
    public void ARunThatDivergesToNaNStopsNamingEpochAndBatchWritesNoBundleAndKeepsTheLastCompleteEpoch()
    {
        // SGD at rate 100 blows the weights up: the second epoch's first loss is NaN. Before, the run went on and
        // saved a bundle whose every output was NaN, with NaN metrics.
        var (texts, labels) = TinyClassifierFixture.Reviews(100, seed: 50);
        var options = Options(cnn: true);
        options.Optimizer = "sgd";
        options.LearningRate = 100;
        options.Epochs = 2;
        var bundlePath = Path.Combine(_temp.Path, "diverged.zip");
        var checkpoints = Path.Combine(_temp.Path, "ckpt");

        var error = Assert.Throws<NonFiniteNumbersException>(() =>
            new TextClassifierTrainer(options).Train(texts, labels, bundlePath, new TrainingRunOptions { CheckpointDirectory = checkpoints }));

        Assert.StartsWith("The training loss became NaN in epoch 2 of 2, batch 1 of ", error.Message, StringComparison.Ordinal);
        Assert.Contains("lower learning_rate", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(bundlePath));
        Assert.Equal(0, TrainingCheckpoints.CompletedEpoch(checkpoints));
    }

    [Fact]
    public void EmbeddingCoverageIsTheShareOfTheVocabularysWordsFound()
    {
        var (texts, labels) = TinyClassifierFixture.Reviews(100, seed: 51);
        var options = Options(cnn: true);
        options.Epochs = 1;
        options.UsePretrainedEmbeddings = true;
        options.EmbeddingsPath = Path.Combine(_temp.Path, "vectors.txt");
        var vector = string.Join(' ', Enumerable.Repeat("0.5", options.EmbeddingSize));
        File.WriteAllText(options.EmbeddingsPath, $"great {vector}\nawful {vector}\nfilm {vector}\nunrelated {vector}\n");

        var result = new TextClassifierTrainer(options).Train(texts, labels, Path.Combine(_temp.Path, "with-vectors"));

        // 16 distinct words in the texts (ids 0 and 1 are reserved); 3 of them have vectors.
        Assert.Equal(18, result.VocabularyCount);
        Assert.Equal(3.0 / 16, result.EmbeddingCoverage!.Value, 1e-12);
    }

    /// <summary>The toy model's options, with enough epochs and rate to learn the reviews' marker words.</summary>
    private static TextClassifierOptions Options(bool cnn)
    {
        var options = ToyData.Options(cnn);
        options.LearningRate = 0.02;
        options.Dropout = 0;
        return options;
    }

    private string WriteCsv(string name, IReadOnlyList<string> texts, IReadOnlyList<string> labels, string extraRows)
    {
        var csv = new StringBuilder("sentiment,review\n");
        for (var i = 0; i < texts.Count; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{labels[i]},{texts[i]}\n");
        }

        csv.Append(extraRows);
        return _temp.File(name, csv.ToString());
    }
}
