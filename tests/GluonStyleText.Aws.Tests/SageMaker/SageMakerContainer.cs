using System.Text;
using System.Text.Json;
using GluonStyleText.Aws.Host.SageMaker;
using GluonStyleText.Aws.SageMaker;
using GluonStyleText.Aws.Tests.Fixtures;
using GluonStyleText.Aws.Tests.Pipeline;
using GluonStyleText.Options;

namespace GluonStyleText.Aws.Tests.SageMaker;

/// <summary>A temporary <c>/opt/ml</c> as SageMaker lays it out for a training container.</summary>
internal sealed class SageMakerContainer : IDisposable
{
    private readonly TempFolder _folder = new();

    public SageMakerContainer()
    {
        Paths = new SageMakerPaths(_folder.Combine("opt", "ml"));
    }

    public SageMakerPaths Paths { get; }

    /// <summary>A folder beside <c>/opt/ml</c> for a child process's temporary files (its TMPDIR).</summary>
    public string TemporaryDirectory => _folder.Combine("tmp");

    /// <summary>Writes hyperparameters.json: the tiny model's options as strings, with overrides, plus a key of SageMaker's own.</summary>
    public void WriteHyperparameters(params (string Key, string Value)[] overrides)
    {
        var values = TextClassifierOptionsLoader.ToStrings(TinyModelFixture.Options()).ToDictionary();
        foreach (var (key, value) in overrides)
        {
            values[key] = value;
        }

        values["sagemaker_region"] = "eu-west-1";
        Directory.CreateDirectory(Path.GetDirectoryName(Paths.HyperparametersFile)!);
        File.WriteAllText(Paths.HyperparametersFile, JsonSerializer.Serialize(values));
    }

    /// <summary>Writes a file into the training channel.</summary>
    public void WriteChannelFile(string relativePath, string content)
    {
        var path = Path.Combine(Paths.TrainingChannelDirectory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content, Encoding.UTF8);
    }

    public JsonDocument ReadReport() => JsonDocument.Parse(File.ReadAllText(Path.Combine(Paths.OutputDataDirectory, "training-report.json")));

    public int CheckpointEpoch()
    {
        using var checkpoint = JsonDocument.Parse(File.ReadAllText(Path.Combine(Paths.CheckpointDirectory, "checkpoint.json")));
        return checkpoint.RootElement.GetProperty("completed_epoch").GetInt32();
    }

    public void Dispose() => _folder.Dispose();
}
