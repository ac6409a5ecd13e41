using GluonStyleText.Training;
using GluonStyleText.Tests.Support;

namespace GluonStyleText.Tests.Training;

public sealed class TrainingCheckpointsTests
{
    [Fact]
    public void AFolderWithoutACheckpointHasNoCompletedEpoch()
    {
        using var folder = new TemporaryDirectory();

        Assert.Null(TrainingCheckpoints.CompletedEpoch(folder.Path));
        Assert.Null(TrainingCheckpoints.CompletedEpoch(folder.Combine("not-there")));
    }

    [Fact]
    public void TheCompletedEpochIsReadWithoutTheFilesItNames()
    {
        using var folder = new TemporaryDirectory();
        File.WriteAllText(folder.Combine("checkpoint.json"),
            """{"completed_epoch": 3, "next_learning_rate": 0.001, "seed": 1, "optimizer": "adam", "history": [], "model_file": "epoch-3.model", "optimizer_file": "epoch-3.optimizer"}""");

        Assert.Equal(3, TrainingCheckpoints.CompletedEpoch(folder.Path));
    }

    [Fact]
    public void AnUnreadableCheckpointIsNamed()
    {
        using var folder = new TemporaryDirectory();
        File.WriteAllText(folder.Combine("checkpoint.json"), "{ not json");

        var error = Assert.Throws<InvalidDataException>(() => TrainingCheckpoints.CompletedEpoch(folder.Path));

        Assert.Contains("checkpoint.json", error.Message, StringComparison.Ordinal);
    }
}
