using System.Globalization;
using System.Text;
using GluonStyleText.Bundles;
using GluonStyleText.Data;
using GluonStyleText.Options;
using GluonStyleText.Prediction;
using GluonStyleText.Tests.Data;
using GluonStyleText.Tests.Evaluation;
using GluonStyleText.Tests.Options;
using GluonStyleText.Training;

namespace GluonStyleText.Tests.Training;

/// <summary>Training from labeled CSV content in a stream (an upload): the same bundle as from the same bytes in a file, errors under the stream's name, rejects beside the bundle.</summary>
[Collection(SerialTorchCollection.Name)]
public sealed class TextClassifierTrainerStreamTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task TrainingFromAStreamWritesTheBundleTrainingFromTheSameBytesInAFileWrites()
    {
        var (texts, labels) = TinyClassifierFixture.Reviews(200, seed: 47);
        var bytes = Csv(texts, labels, extraRows: "");
        var csvPath = _temp.File("claims.csv");
        File.WriteAllBytes(csvPath, bytes);
        var fromFile = new TextClassifierTrainer(Options()).TrainFromCsv(csvPath, Path.Combine(_temp.Path, "from-file"));
        using var stream = new MemoryStream(bytes);

        var fromStream = await new TextClassifierTrainer(Options()).TrainFromCsvAsync(stream, "claims-upload.csv", Path.Combine(_temp.Path, "from-stream"));

        using var fileBundle = ModelBundle.Load(fromFile.BundlePath);
        using var streamBundle = ModelBundle.Load(fromStream.BundlePath);
        Assert.Equal(fileBundle.ModelHash, streamBundle.ModelHash);
        Assert.Equal(
            fileBundle.Manifest.Files.ToDictionary(part => part.Key, part => part.Value.Sha256),
            streamBundle.Manifest.Files.ToDictionary(part => part.Key, part => part.Value.Sha256));
        Assert.Equal(fileBundle.Manifest.Parameters, streamBundle.Manifest.Parameters);
        Assert.Equal(fromFile.RowsRead, fromStream.RowsRead);
        Assert.Equal(200, fromStream.RowsAccepted);
        Assert.Equal(TextClassifierTrainer.RejectsPathFor(fromStream.BundlePath), fromStream.RejectsPath);
        Assert.True(stream.CanRead, "The caller's stream was disposed.");
    }

    [Fact]
    public void ABadRowInATrainingStreamIsNamedByItsDisplayNameAndLine()
    {
        var failOnBadRows = Options();
        failOnBadRows.BadRows = "fail";
        using var stream = new ForwardOnlyStream(Csv(["great film", "awful plot"], ["pos", "neg"], extraRows: "pos,\"\"\n"));

        var error = Assert.Throws<DataFormatException>(() =>
            new TextClassifierTrainer(failOnBadRows).TrainFromCsv(stream, "claims-upload.csv", Path.Combine(_temp.Path, "never")));

        Assert.Equal("claims-upload.csv", error.FilePath);
        Assert.Equal(4, error.LineNumber);
        Assert.StartsWith("claims-upload.csv line 4, column 'review': ", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_temp.Path, "never")));
    }

    [Fact]
    public void RowsSkippedFromATrainingStreamGoToTheRejectsFileBesideTheBundle()
    {
        var (texts, labels) = TinyClassifierFixture.Reviews(200, seed: 48);
        var bundlePath = Path.Combine(_temp.Path, "models", "claims-model.zip");
        using var stream = new ForwardOnlyStream(Csv(texts, labels, extraRows: "pos,\"\"\n"));

        var result = new TextClassifierTrainer(Options()).TrainFromCsv(stream, "claims-upload.csv", bundlePath);

        Assert.Equal(TextClassifierTrainer.RejectsPathFor(bundlePath), result.RejectsPath);
        Assert.Equal(Path.Combine(_temp.Path, "models", "claims-model.rejects.csv"), result.RejectsPath);
        Assert.Equal((201L, 200L, 1L), (result.RowsRead, result.RowsAccepted, result.RowsRejected));
        Assert.Contains("claims-upload.csv line 202, column 'review': the text is empty", File.ReadAllText(result.RejectsPath!), StringComparison.Ordinal);
        Assert.False(stream.Disposed);
        using var classifier = TextClassifier.Load(bundlePath);
        Assert.Equal("pos", classifier.Predict("the film was wonderful").Label);
    }

    private static TextClassifierOptions Options()
    {
        var options = ToyData.Options(cnn: true);
        options.LearningRate = 0.02;
        options.Dropout = 0;
        return options;
    }

    private static byte[] Csv(IReadOnlyList<string> texts, IReadOnlyList<string> labels, string extraRows)
    {
        var csv = new StringBuilder("sentiment,review\n");
        for (var i = 0; i < texts.Count; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{labels[i]},{texts[i]}\n");
        }

        csv.Append(extraRows);
        return Encoding.UTF8.GetBytes(csv.ToString());
    }
}
