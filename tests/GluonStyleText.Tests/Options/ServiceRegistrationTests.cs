using GluonStyleText.Evaluation;
using GluonStyleText.Tests.Evaluation;
using GluonStyleText.Options;
using GluonStyleText.Prediction;
using GluonStyleText.Tests.Training;
using GluonStyleText.Training;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GluonStyleText.Tests.Options;

/// <summary>What an application gets from the container: a trainer from its options, one classifier from a bundle, async training.</summary>
[Collection(SerialTorchCollection.Name)]
public sealed class ServiceRegistrationTests : IClassFixture<TinyClassifierFixture>
{
    private readonly TinyClassifierFixture _fixture;

    public ServiceRegistrationTests(TinyClassifierFixture fixture) => this._fixture = fixture;

    [Fact]
    public void TheClassifierIsOneInstanceLoadedFromTheConfiguredBundle()
    {
        var services = new ServiceCollection();
        services.AddTextClassifier(o => o.BundlePath = _fixture.BundlePath);
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var classifier = provider.GetRequiredService<TextClassifier>();

        Assert.Same(classifier, provider.GetRequiredService<TextClassifier>());
        Assert.Equal("pos", classifier.Predict("the film was superb").Label);
        Assert.Equal("neg", classifier.Predict("the plot was boring").Label);
    }

    [Fact]
    public void AMissingBundleFailsWhenTheHostStarts()
    {
        var services = new ServiceCollection();
        services.AddTextClassifier(o => o.BundlePath = Path.Combine(_fixture.Folder, "no-such-model.zip"));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.StartsWith("BundlePath: '", Assert.Single(error.Failures), StringComparison.Ordinal);
        Assert.Contains("no-such-model.zip' does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownDeviceFailsWhenTheHostStarts()
    {
        var services = new ServiceCollection();
        services.AddTextClassifier(o => (o.BundlePath, o.Device) = (_fixture.BundlePath, "gpu"));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(["Device: 'gpu' is not one of cpu, cuda, cuda:N (N = 0, 1, ...), auto."], error.Failures);
    }

    [Fact]
    public async Task TheRegisteredTrainerUsesTheConfiguredOptionsAndTrainsAsynchronously()
    {
        var (texts, labels) = TinyClassifierFixture.Reviews(200, seed: 3);
        string csv = _fixture.WriteCsv("async-train.csv", texts, labels);
        string bundle = Path.Combine(_fixture.Folder, "async-model.zip");
        var services = new ServiceCollection();
        services.AddGluonStyleText(o =>
        {
            (o.VocabularySize, o.SequenceLength, o.EmbeddingSize, o.KernelSize) = (40, 12, 16, 3);
            (o.BatchSize, o.Epochs, o.LearningRate, o.Device, o.Seed) = (16, 7, 0.02, "cpu", 5);
        });
        using var provider = services.BuildServiceProvider();
        var trainer = provider.GetRequiredService<TextClassifierTrainer>();
        int trainingThread = -1;
        var progress = new SynchronousProgress<TrainingProgress>(_ => trainingThread = Environment.CurrentManagedThreadId);

        var result = await trainer.TrainFromCsvAsync(csv, bundle, progress: progress);

        Assert.NotEqual(Environment.CurrentManagedThreadId, trainingThread);
        Assert.Equal(7, result.Training.History.Count);
        using var classifier = TextClassifier.Load(bundle);
        var (testTexts, testLabels) = TinyClassifierFixture.Reviews(100, seed: 4);
        var metrics = await TextClassifierEvaluator.EvaluateCsvAsync(classifier, _fixture.WriteCsv("async-test.csv", testTexts, testLabels));
        Assert.True(metrics.Accuracy >= 0.9, $"accuracy {metrics.Accuracy:P1}");
    }

    [Fact]
    public async Task CancellingBeforeTheFirstEpochFaultsTheTaskAndWritesNoBundle()
    {
        var (texts, labels) = TinyClassifierFixture.Reviews(50, seed: 6);
        string csv = _fixture.WriteCsv("cancelled-train.csv", texts, labels);
        string bundle = Path.Combine(_fixture.Folder, "cancelled-model.zip");
        var trainer = new TextClassifierTrainer(new TextClassifierOptions { VocabularySize = 40, SequenceLength = 12, EmbeddingSize = 8, Device = "cpu" });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => trainer.TrainFromCsvAsync(csv, bundle, cancellationToken: new CancellationToken(canceled: true)));

        Assert.False(File.Exists(bundle));
    }
}
