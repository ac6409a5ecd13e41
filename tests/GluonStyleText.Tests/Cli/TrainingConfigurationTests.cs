using System.IO.Compression;
using System.Text;
using GluonStyleText.Cli.Training;
using GluonStyleText.Options;
using GluonStyleText.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GluonStyleText.Tests.Cli;

public sealed class TrainingConfigurationTests
{
    [Fact]
    public void TheSeedPresetIsTheSeedsConfig()
    {
        var options = new TrainingConfiguration { Preset = TextClassifierPresets.Seed }.Build(NullLogger.Instance);

        Assert.True(options.Cnn);
        Assert.Equal((500, 5000, 300, 8, 5), (options.SequenceLength, options.VocabularySize, options.EmbeddingSize, options.KernelSize, options.Epochs));
        Assert.Equal("adam", options.Optimizer);
        Assert.Equal(0.001, options.LearningRate);
    }

    [Fact]
    public void TheFastAndBiLstmPresetsAreValidFiles()
    {
        var fast = new TrainingConfiguration { Preset = TextClassifierPresets.Fast }.Build(NullLogger.Instance);
        var bilstm = new TrainingConfiguration { Preset = TextClassifierPresets.BiLstm }.Build(NullLogger.Instance);

        Assert.True(fast.Cnn);
        Assert.NotEmpty(fast.EffectiveKernelSizes);
        Assert.False(bilstm.Cnn);
        Assert.All(TextClassifierPresets.Names, name => Assert.NotNull(TextClassifierPresets.Load(name).Options));
    }

    [Fact]
    public void OptionsOverrideTheConfigFile()
    {
        using var folder = new TemporaryDirectory();
        var config = folder.Combine("c.json");
        File.WriteAllText(config, """{"num_epoch": 7, "threads": 2, "device": "auto", "embed_size": 16}""");

        var options = new TrainingConfiguration { Preset = TextClassifierPresets.Seed, ConfigPath = config, Epochs = 1, Threads = 3, Device = "cpu" }.Build(NullLogger.Instance);

        Assert.Equal((1, 3, "cpu", 16), (options.Epochs, options.Threads, options.Device, options.EmbeddingSize));
        Assert.Equal(500, options.SequenceLength);
    }

    [Fact]
    public void EmbeddingsTurnOnPretrainedVectorsAndSetTheEmbeddingSizeToTheirDimension()
    {
        using var folder = new TemporaryDirectory();
        var vectors = folder.Combine("vectors.txt");
        File.WriteAllText(vectors, "film 0.1 0.2 0.3 0.4\ngreat 0.5 0.6 0.7 0.8\n");

        var options = new TrainingConfiguration { Preset = TextClassifierPresets.Seed, EmbeddingsPath = vectors }.Build(NullLogger.Instance);

        Assert.True(options.UsePretrainedEmbeddings);
        Assert.Equal(Path.GetFullPath(vectors), options.EmbeddingsPath);
        Assert.Equal(4, options.EmbeddingSize);
    }

    [Fact]
    public void AMissingConfigFileIsNamed()
    {
        var error = Assert.Throws<FileNotFoundException>(() => new TrainingConfiguration { ConfigPath = "no/such.json" }.Build(NullLogger.Instance));

        Assert.Contains("Configuration file not found: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("such.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOverrideThatBreaksARuleIsReported()
    {
        var error = Assert.Throws<OptionsValidationException>(() => new TrainingConfiguration { Device = "" }.Build(NullLogger.Instance));

        Assert.Contains("device", string.Join(" ", error.Failures), StringComparison.Ordinal);
    }
}
