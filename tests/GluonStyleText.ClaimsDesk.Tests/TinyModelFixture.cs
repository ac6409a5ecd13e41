using GluonStyleText.Options;
using GluonStyleText.Training;

namespace GluonStyleText.ClaimsDesk.Tests;

/// <summary>
/// A real, tiny claims model trained once for all the desk's tests, and a training configuration small enough
/// for the desk itself to train a model in seconds.
/// </summary>
public sealed class TinyModelFixture : IDisposable
{
    public const string TinyTrainingJson = """
        { "num_epoch": 3, "seq_len": 16, "vocab_size": 60, "embed_size": 16, "kernel_sizes": [2], "filters": 16,
          "batch_size": 16, "learning_rate": 0.02, "dropout": 0.1, "device": "cpu", "seed": 7 }
        """;

    public TinyModelFixture()
    {
        Folder = Directory.CreateTempSubdirectory("claimsdesk-tests-").FullName;
        TrainingConfig = Path.Combine(Folder, "tiny-training.json");
        File.WriteAllText(TrainingConfig, TinyTrainingJson);
        var options = TextClassifierOptionsLoader.Load(TrainingConfig).Options;
        var (texts, labels) = ClaimsData.Labeled(300, seed: 1);
        ModelsFolder = Path.Combine(Folder, "models");
        BundlePath = Path.Combine(ModelsFolder, "claims-model.zip");
        new TextClassifierTrainer(options).Train(texts, labels, BundlePath);
    }

    public string Folder { get; }

    public string ModelsFolder { get; }

    public string BundlePath { get; }

    public string TrainingConfig { get; }

    /// <summary>A fresh, empty data folder for one desk.</summary>
    public string NewDataFolder() => Directory.CreateDirectory(Path.Combine(Folder, "data-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

[CollectionDefinition(Name)]
public sealed class DeskCollection : ICollectionFixture<TinyModelFixture>
{
    /// <summary>One collection: every test here shares the tiny model, and no two trainings run side by side.</summary>
    public const string Name = "Claims desk";
}
