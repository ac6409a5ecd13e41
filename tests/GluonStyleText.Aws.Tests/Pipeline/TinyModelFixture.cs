using GluonStyleText.Bundles;
using GluonStyleText.Options;
using GluonStyleText.Training;

namespace GluonStyleText.Aws.Tests.Pipeline;

/// <summary>
/// A small CNN bundle trained once per test class on <see cref="SyntheticReviews"/> (a few
/// seconds on one thread), as a folder and as a .zip; both are deleted afterwards.
/// </summary>
public sealed class TinyModelFixture : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gluonstyletext-aws-model-").FullName;

    public TinyModelFixture()
    {
        var reviews = SyntheticReviews.Create(400, seed: 11);
        BundlePath = Path.Combine(_directory, "bundle");
        new TextClassifierTrainer(Options()).Train(reviews.Select(r => r.Text).ToList(), reviews.Select(r => r.Label).ToList(), BundlePath);
        ZipPath = Path.Combine(_directory, "model.zip");
        using var bundle = ModelBundle.Load(BundlePath);
        ModelHash = bundle.ModelHash;
        ModelBundle.Save(ZipPath, bundle.Options, bundle.Transformer, bundle.Labels, bundle.Model, bundle.Metrics);
    }

    /// <summary>The bundle folder.</summary>
    public string BundlePath { get; }

    /// <summary>The same model as a .zip bundle.</summary>
    public string ZipPath { get; }

    /// <summary>SHA-256 of the model's weights.</summary>
    public string ModelHash { get; }

    /// <summary>Options of a model small enough to train in seconds: CPU, one thread, seeded.</summary>
    public static TextClassifierOptions Options() => new()
    {
        Cnn = true,
        NumberOfClasses = 2,
        VocabularySize = 100,
        SequenceLength = 24,
        EmbeddingSize = 16,
        HiddenSize = 16,
        KernelSize = 3,
        Dropout = 0.1,
        BatchSize = 16,
        Epochs = 3,
        LearningRate = 0.01,
        Device = "cpu",
        Threads = 1,
        Seed = 3,
        TrainLogInterval = 50,
        TextColumn = "review",
        LabelColumn = "sentiment",
    };

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
