using System.Globalization;
using System.Text;
using GluonStyleText.Options;
using GluonStyleText.Tests.Evaluation;
using GluonStyleText.Training;

namespace GluonStyleText.Tests.Training;

// A mistake that would cost hours, or the process, is found before training starts.
[Collection(SerialTorchCollection.Name)]
public sealed class TrainingPreflightTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gst-preflight-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(50, 5_000)]
    [InlineData(1_000, 1_000)]
    [InlineData(3_000, 6_000)]
    public void CategoriesThatCanBeLearnedPass(int categories, int texts) =>
        TrainingPreflight.CheckLabelCount(categories, texts, "label column 'category'");

    [Fact]
    public void ALabelColumnOfIdentifiersIsRefusedWithItsName()
    {
        var error = Assert.Throws<ArgumentException>(() => TrainingPreflight.CheckLabelCount(98_412, 100_000, "label column 'claim_id'"));

        Assert.StartsWith("label column 'claim_id' has 98,412 distinct values in 100,000 rows: is it the right column?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainingFromACsvWhoseLabelColumnIsAnIdStopsBeforeAnyEpoch()
    {
        var csv = new StringBuilder("claim_id,description\n");
        var (texts, _) = TinyClassifierFixture.Reviews(2_500, seed: 9);
        for (int row = 0; row < texts.Count; row++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"C-{row:D6},\"{texts[row]}\"\n");
        }

        var path = Path.Combine(_directory, "claims.csv");
        File.WriteAllText(path, csv.ToString());
        var options = new TextClassifierOptions { TextColumn = "description", LabelColumn = "claim_id", Device = "cpu", Epochs = 1 };
        int batches = 0;

        var error = Assert.Throws<ArgumentException>(() => new TextClassifierTrainer(options).TrainFromCsv(
            path, Path.Combine(_directory, "model.zip"), progress: new SynchronousProgress<TrainingProgress>(_ => batches++)));

        Assert.StartsWith($"label column 'claim_id' of {path} has 2,500 distinct values in 2,500 rows: is it the right column?", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, batches);
        Assert.False(File.Exists(Path.Combine(_directory, "model.zip")));
    }

    [Fact]
    public void ARunThatCannotFitInMemoryIsRefusedWithItsParts()
    {
        var options = new TextClassifierOptions { SequenceLength = 500, VocabularySize = 50_000, EmbeddingSize = 300, NumberOfClasses = 2 };

        TrainingPreflight.CheckMemory(options, 25_000, availableBytes: 24L << 30);
        var error = Assert.Throws<InsufficientMemoryException>(() => TrainingPreflight.CheckMemory(options, 25_000, availableBytes: 256L << 20));

        Assert.Contains("0.09 GiB of token ids for 25,000 texts of seq_len 500", error.Message, StringComparison.Ordinal);
        Assert.Contains("more than the 0.20 GiB this process can use", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOutputPathThatCannotTakeABundleIsRefusedBeforeTraining()
    {
        var (texts, labels) = TinyClassifierFixture.Reviews(100, seed: 3);
        var notABundle = Path.Combine(_directory, "documents");
        Directory.CreateDirectory(notABundle);
        File.WriteAllText(Path.Combine(notABundle, "letter.txt"), "keep me");
        int batches = 0;

        var error = Assert.Throws<IOException>(() => new TextClassifierTrainer(new TextClassifierOptions { Device = "cpu", Epochs = 1 })
            .Train(texts, labels, notABundle, progress: new SynchronousProgress<TrainingProgress>(_ => batches++)));

        Assert.Contains("the folder exists and is not a model bundle", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, batches);
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(notABundle, "letter.txt")));
    }
}
