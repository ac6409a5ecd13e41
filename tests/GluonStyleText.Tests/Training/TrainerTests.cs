using GluonStyleText.Evaluation;
using GluonStyleText.Models;
using GluonStyleText.Options;
using GluonStyleText.Training;

namespace GluonStyleText.Tests.Training;

[Collection(SerialTorchCollection.Name)]
public sealed class TrainerTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gst-trainer-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void BothModelsLearnASeparableToySet(bool cnn)
    {
        var options = ToyData.Options(cnn);
        using var model = TextClassifierModelFactory.Create(options);

        var result = new Trainer(options).Train(model, ToyData.Separable(500));

        Assert.False(result.Cancelled);
        Assert.Equal(options.Epochs, result.History.Count);
        Assert.True(result.BestValidationMetrics!.Accuracy >= 0.95, $"validation accuracy {result.BestValidationMetrics.Accuracy}");
        Assert.True(result.History[^1].TrainingLoss < result.History[0].TrainingLoss);
        Assert.False(model.training);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SameSeedGivesTheSameHistoryAndAnotherSeedDoesNot(bool cnn)
    {
        var options = ToyData.Options(cnn);
        options.Epochs = 2;

        var first = TrainLosses(options);
        var second = TrainLosses(options);
        options.Seed++;
        var other = TrainLosses(options);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void ModelEndsWithTheBestEpochsWeights()
    {
        var options = ToyData.Options(cnn: true);
        var (training, validation) = ToyData.Separable(300).Split(0.2, seed: 1);
        using var model = TextClassifierModelFactory.Create(options);

        var result = new Trainer(options).Train(model, training, validation);

        var best = result.History.MinBy(epoch => epoch.ValidationLoss)!;
        Assert.Equal(best.Epoch, result.BestEpoch);
        Assert.Equal(best.ValidationLoss, Evaluator.Evaluate(model, validation, batchSize: 7).MeanLoss, tolerance: 1e-5);
    }

    [Fact]
    public void WithClassWeightsTheValidationLossIsWeightedAsTheTrainingLoss()
    {
        var options = ToyData.Options(cnn: true);
        var (training, validation) = ToyData.Separable(300).Split(0.2, seed: 1);
        float[] weights = [0.25f, 3f];
        using var model = TextClassifierModelFactory.Create(options);

        var result = new Trainer(options) { ClassWeights = weights }.Train(model, training, validation);

        // Cross entropy's weighted mean over the whole validation set, in one pass.
        using var scope = TorchSharp.torch.NewDisposeScope();
        using var noGrad = TorchSharp.torch.no_grad();
        var (inputs, targets) = Batches.ToTensors(validation, [.. Enumerable.Range(0, validation.Count)], TorchSharp.torch.CPU);
        double expected = TorchSharp.torch.nn.functional.cross_entropy(model.call(inputs), targets, weight: TorchSharp.torch.tensor(weights)).item<float>();
        var best = result.History.Single(epoch => epoch.Epoch == result.BestEpoch);
        Assert.Equal(expected, best.ValidationLoss, tolerance: 1e-4);
        Assert.NotEqual(Evaluator.Evaluate(model, validation, batchSize: 7).MeanLoss, best.ValidationLoss, tolerance: 1e-3);
    }

    [Fact]
    public void CancellingReturnsTheBestModelSoFarWithoutThrowing()
    {
        var options = ToyData.Options(cnn: true);
        options.Epochs = 5;
        var (training, validation) = ToyData.Separable(300).Split(0.2, seed: 1);
        using var model = TextClassifierModelFactory.Create(options);
        using var cancellation = new CancellationTokenSource();
        var progress = new SynchronousProgress<TrainingProgress>(report =>
        {
            if (report.Epoch == 2 && report.Batch == 3)
            {
                cancellation.Cancel();
            }
        });

        var result = new Trainer(options).Train(model, training, validation, progress: progress, cancellationToken: cancellation.Token);

        Assert.True(result.Cancelled);
        Assert.Equal([0, 1], result.History.Select(epoch => epoch.Epoch));
        var best = result.History.MinBy(epoch => epoch.ValidationLoss)!;
        Assert.Equal(best.Epoch, result.BestEpoch);
        Assert.Equal(best.ValidationLoss, Evaluator.Evaluate(model, validation, batchSize: 16).MeanLoss, tolerance: 1e-5);
    }

    [Fact]
    public void CancellingBeforeTheFirstEpochEndsReportsNoBestEpoch()
    {
        var options = ToyData.Options(cnn: true);
        using var model = TextClassifierModelFactory.Create(options);

        var result = new Trainer(options).Train(model, ToyData.Separable(100), cancellationToken: new CancellationToken(canceled: true));

        Assert.True(result.Cancelled);
        Assert.Empty(result.History);
        Assert.Null(result.BestEpoch);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ResumingAnInterruptedRunContinuesAtTheNextEpochAsIfNeverStopped(bool cnn)
    {
        var options = ToyData.Options(cnn);
        options.Epochs = 4;
        options.PowerDecay = true;
        options.EpochFactor = 1;
        var data = ToyData.Separable(300);
        var uninterrupted = Train(options, data);

        using var cancellation = new CancellationTokenSource();
        var cancelInEpochTwo = new SynchronousProgress<TrainingProgress>(report =>
        {
            if (report.Epoch == 2 && report.Batch == 2)
            {
                cancellation.Cancel();
            }
        });
        var interrupted = Train(options, data, checkpointDirectory: _directory, progress: cancelInEpochTwo, cancellationToken: cancellation.Token);
        var epochsSeenAfterResume = new List<int>();
        var resumed = Train(options, data, checkpointDirectory: _directory, resumeFrom: _directory,
            progress: new SynchronousProgress<TrainingProgress>(report => epochsSeenAfterResume.Add(report.Epoch)));

        Assert.True(interrupted.Cancelled);
        Assert.Equal(2, interrupted.History.Count);
        Assert.Equal([2, 3], epochsSeenAfterResume.Distinct());
        Assert.Equal(Losses(uninterrupted), Losses(resumed));
        Assert.Equal(uninterrupted.History.Select(e => e.LearningRate), resumed.History.Select(e => e.LearningRate));
        Assert.Equal(uninterrupted.BestEpoch, resumed.BestEpoch);
    }

    [Fact]
    public void CheckpointDirectoryHoldsOnlyTheLastEpochsCompleteFiles()
    {
        var options = ToyData.Options(cnn: true);
        options.Epochs = 3;

        Train(options, ToyData.Separable(100), checkpointDirectory: _directory);

        Assert.Equal(
            ["checkpoint.json", "epoch-0002-best.bin", "epoch-0002-model.bin", "epoch-0002-optimizer.bin", "epoch-0002-sparse-adam.bin"],
            Directory.GetFiles(_directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        string json = File.ReadAllText(Path.Combine(_directory, "checkpoint.json"));
        Assert.Contains("\"completed_epoch\": 2", json);
        Assert.Contains("\"model_file\": \"epoch-0002-model.bin\"", json);
    }

    [Fact]
    public void ACheckpointRemovesTheTemporaryFilesOfAWriterThatWasKilled()
    {
        var options = ToyData.Options(cnn: true);
        options.Epochs = 2;
        Directory.CreateDirectory(_directory);
        // What a process killed while saving epoch 1 of an earlier run leaves: renamed never, deleted never.
        var leftovers = new[] { "epoch-0001-model.bin.tmp-" + Guid.NewGuid().ToString("N"), "checkpoint.json.tmp-" + Guid.NewGuid().ToString("N") };
        foreach (var leftover in leftovers)
        {
            File.WriteAllText(Path.Combine(_directory, leftover), "partial");
        }

        File.WriteAllText(Path.Combine(_directory, "notes.tmp-not-a-guid"), "kept: not a name the library writes");

        Train(options, ToyData.Separable(100), checkpointDirectory: _directory);

        Assert.Equal(
            ["checkpoint.json", "epoch-0001-best.bin", "epoch-0001-model.bin", "epoch-0001-optimizer.bin", "epoch-0001-sparse-adam.bin", "notes.tmp-not-a-guid"],
            Directory.GetFiles(_directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ResumingAFinishedRunTrainsNoMoreEpochs()
    {
        var options = ToyData.Options(cnn: true);
        options.Epochs = 2;
        var data = ToyData.Separable(100);
        var finished = Train(options, data, checkpointDirectory: _directory);
        int reports = 0;

        var resumed = Train(options, data, resumeFrom: _directory, progress: new SynchronousProgress<TrainingProgress>(_ => reports++));

        Assert.Equal(0, reports);
        Assert.Equal(Losses(finished), Losses(resumed));
        Assert.Equal(finished.BestEpoch, resumed.BestEpoch);
    }

    [Fact]
    public void ResumingWithoutACheckpointNamesTheMissingFile()
    {
        var options = ToyData.Options(cnn: true);

        var error = Assert.Throws<FileNotFoundException>(() => Train(options, ToyData.Separable(50), resumeFrom: _directory));

        Assert.Contains($"No training checkpoint to resume from in '{_directory}'", error.Message);
        Assert.Contains("checkpoint.json", error.Message);
    }

    [Fact]
    public void ResumingWithAnotherOptimizerIsRefused()
    {
        var options = ToyData.Options(cnn: true);
        options.Epochs = 1;
        Train(options, ToyData.Separable(50), checkpointDirectory: _directory);
        options.Optimizer = "sgd";

        var error = Assert.Throws<InvalidOperationException>(() => Train(options, ToyData.Separable(50), resumeFrom: _directory));

        Assert.Contains("holds the state of optimizer 'adam', but the options ask for 'sgd' (key 'optimizer')", error.Message);
    }

    [Fact]
    public void EarlyStoppingEndsTheRunAfterPatienceEpochsWithoutImprovement()
    {
        var options = ToyData.Options(cnn: true);
        options.Epochs = 30;
        options.EarlyStoppingPatience = 2;
        options.LearningRate = 0.05;
        var noise = ToyData.Separable(80);
        var randomLabels = new Random(5);
        var data = new GluonStyleText.Training.EncodedDataset(noise.TokenIds.ToArray(), noise.Labels.ToArray().Select(_ => randomLabels.Next(2)).ToArray(), noise.SequenceLength);

        var result = Train(options, data);

        Assert.True(result.StoppedEarly);
        Assert.True(result.History.Count < options.Epochs);
        Assert.Equal(result.History.Count - 1 - options.EarlyStoppingPatience, result.BestEpoch);
    }

    [Fact]
    public void ProgressIsReportedForEveryBatchAndTheLogEveryInterval()
    {
        var options = ToyData.Options(cnn: false);
        options.Epochs = 2;
        options.TrainLogInterval = 2;
        var reports = new List<TrainingProgress>();
        var logger = new CollectingLogger();
        using var model = TextClassifierModelFactory.Create(options);

        var result = new Trainer(options, logger).Train(model, ToyData.Separable(100), progress: new SynchronousProgress<TrainingProgress>(reports.Add));

        int batches = (80 + options.BatchSize - 1) / options.BatchSize;
        Assert.Equal(2 * batches, reports.Count);
        Assert.All(reports, report => Assert.Equal(batches, report.BatchesPerEpoch));
        Assert.Equal(Enumerable.Range(1, batches).Concat(Enumerable.Range(1, batches)), reports.Select(report => report.Batch));
        Assert.Equal(TimeSpan.Zero, reports[^1].EstimatedTimeRemaining);
        Assert.All(reports, report => Assert.True(report.ExamplesPerSecond > 0 && double.IsFinite(report.Loss)));
        Assert.Equal(result.History[1].LearningRate, reports[^1].LearningRate);
        Assert.Equal(2 * ((batches + 1) / 2), logger.Messages.Count(message => message.Contains("perplexity", StringComparison.Ordinal)));
        Assert.Equal(2, logger.Messages.Count(message => message.Contains("validation accuracy", StringComparison.Ordinal)));
    }

    [Fact]
    public void ClassIdsBeyondNClassesAreReportedBeforeTraining()
    {
        var options = ToyData.Options(cnn: true);
        var data = ToyData.Separable(20);
        var labels = data.Labels.ToArray();
        labels[4] = 2;

        var error = Assert.Throws<ArgumentException>(() => Train(options, data, validation: new GluonStyleText.Training.EncodedDataset(data.TokenIds.ToArray(), labels, data.SequenceLength)));

        Assert.Contains("Row 4 has class id 2, but n_classes is 2", error.Message);
    }

    [Fact]
    public void TheLstmGetsADefaultGradientLimitAndAnExplicitOneWins()
    {
        var options = ToyData.Options(cnn: false);
        using var lstm = TextClassifierModelFactory.Create(options);
        using var cnn = TextClassifierModelFactory.Create(ToyData.Options(cnn: true));

        Assert.Equal(5.0, new Trainer(options).GradientNormLimit(lstm));
        Assert.Equal(0.0, new Trainer(options).GradientNormLimit(cnn));
        options.MaxGradientNorm = 1.5;
        Assert.Equal(1.5, new Trainer(options).GradientNormLimit(cnn));
    }

    private static TrainingResult Train(
        TextClassifierOptions options,
        GluonStyleText.Training.EncodedDataset data,
        GluonStyleText.Training.EncodedDataset? validation = null,
        string? checkpointDirectory = null,
        string? resumeFrom = null,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        using var model = TextClassifierModelFactory.Create(options);
        return new Trainer(options).Train(model, data, validation, checkpointDirectory, resumeFrom, progress, cancellationToken);
    }

    private static double[] TrainLosses(TextClassifierOptions options) => Losses(Train(options, ToyData.Separable(200)));

    private static double[] Losses(TrainingResult result) =>
        result.History.SelectMany(epoch => new[] { epoch.TrainingLoss, epoch.ValidationLoss, epoch.ValidationAccuracy }).ToArray();
}
