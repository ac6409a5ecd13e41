using GluonStyleText.Cli.ConsoleUi;
using GluonStyleText.Tests.Support;
using GluonStyleText.Training;

namespace GluonStyleText.Tests.Cli;

public sealed class TrainingProgressReporterTests
{
    [Fact]
    public void TheLineReadsLikeFastTexts()
    {
        var progress = Progress(epoch: 1, batch: 140, loss: 0.5);

        var text = TrainingProgressReporter.Describe(progress, meanLoss: 0.31212);

        Assert.Equal("Epoch 2/3   48.2%  batch 140/313  loss 0.3121  lr 0.001000  312 ex/s  ETA 0h01m12s", text);
    }

    [Fact]
    public void TheLossIsTheEpochsRunningMeanAndEachEpochEndsOnItsOwnLine()
    {
        var output = new StringWriter();
        var reporter = new TrainingProgressReporter(new ProgressLine(output, isTerminal: false, new ManualTimeProvider()));

        reporter.Report(Progress(epoch: 0, batch: 1, loss: 0.8, batches: 2));
        reporter.Report(Progress(epoch: 0, batch: 2, loss: 0.6, batches: 2));
        reporter.Report(Progress(epoch: 1, batch: 1, loss: 0.2, batches: 2));

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains("Epoch 1/3", lines[1], StringComparison.Ordinal);
        Assert.Contains("batch 2/2  loss 0.7000", lines[1], StringComparison.Ordinal);
        Assert.Contains("Epoch 2/3", lines[2], StringComparison.Ordinal);
        Assert.Contains("batch 1/2  loss 0.2000", lines[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(72, "0h01m12s")]
    [InlineData(3 * 3600 + 5, "3h00m05s")]
    [InlineData(-1, "?h??m??s")]
    public void EtaIsHoursMinutesSeconds(int seconds, string expected) =>
        Assert.Equal(expected, DurationText.Clock(TimeSpan.FromSeconds(seconds)));

    private static TrainingProgress Progress(int epoch, int batch, double loss, int batches = 313) => new()
    {
        Epoch = epoch,
        Epochs = 3,
        Batch = batch,
        BatchesPerEpoch = batches,
        Loss = loss,
        ExamplesPerSecond = 312.4,
        LearningRate = 0.001,
        EstimatedTimeRemaining = TimeSpan.FromSeconds(72),
    };
}
