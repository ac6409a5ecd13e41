using GluonStyleText.Tests.Evaluation;
using GluonStyleText.Tests.Options;
using GluonStyleText.Training;

namespace GluonStyleText.Tests.Training;

/// <summary>Training checks the machine's native kernels before it reads the data, and says so in its log.</summary>
[Collection(SerialTorchCollection.Name)]
public sealed class NativeKernelCheckInTrainingTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void TrainingLogsTheCheckBeforeAnythingElse()
    {
        var (texts, labels) = TinyClassifierFixture.Reviews(60, seed: 41);
        var options = ToyData.Options(cnn: true);
        options.Epochs = 1;
        var logger = new CollectingLogger();

        new TextClassifierTrainer(options, logger).Train(texts, labels, Path.Combine(_temp.Path, "m.zip"));

        Assert.Matches(@"^CPU .+ \(.+\), \d+ torch threads, libtorch \d+(\.\d+)+: native kernels checked$", logger.Messages[0]);
    }

    [Fact]
    public void TrainingFromCsvLogsTheCheckBeforeReadingTheFile()
    {
        var csv = _temp.File("reviews.csv", "sentiment,review\n" + string.Concat(Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? "pos,a great film\n" : "neg,an awful film\n")));
        var options = ToyData.Options(cnn: true);
        options.Epochs = 1;
        var logger = new CollectingLogger();

        new TextClassifierTrainer(options, logger).TrainFromCsv(csv, Path.Combine(_temp.Path, "m"));

        Assert.EndsWith(": native kernels checked", logger.Messages[0], StringComparison.Ordinal);
        Assert.Equal(1, logger.Messages.FindIndex(message => message.StartsWith("Read ", StringComparison.Ordinal)));
        Assert.Contains(logger.Messages, message => message.StartsWith("Read 40 rows from ", StringComparison.Ordinal));
    }
}
