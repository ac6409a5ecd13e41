using GluonStyleText.Samples.Imdb.Data;

namespace GluonStyleText.Samples.Tests;

public sealed class ImdbCsvWriterTests
{
    private static readonly ImdbReview[] Reviews =
    [
        .. Enumerable.Range(0, 50).Select(id => new ImdbReview(1, id, $"positive {id}")),
        .. Enumerable.Range(0, 50).Select(id => new ImdbReview(0, id, $"negative {id}")),
    ];

    [Fact]
    public void ShuffleMixesTheClasses()
    {
        var rows = ImdbCsvWriter.ShuffledRows(Reviews);

        Assert.Equal(Reviews.OrderBy(row => row.Text), rows.OrderBy(row => row.Text));
        Assert.InRange(rows.Take(50).Count(row => row.Sentiment == 1), 10, 40);
    }

    [Fact]
    public void ShuffleIsTheSameWhateverTheInputOrder()
    {
        var reversed = Reviews.Reverse().ToArray();

        Assert.Equal(ImdbCsvWriter.ShuffledRows(Reviews), ImdbCsvWriter.ShuffledRows(reversed));
    }

    [Fact]
    public async Task CancelledWriteLeavesNoFile()
    {
        using var directory = new TemporaryDirectory();
        var reviews = new ImdbReviewSets();
        reviews.Add(new AclImdbEntry(ImdbSplit.Train, 1, 0), "good");
        reviews.Add(new AclImdbEntry(ImdbSplit.Test, 0, 0), "bad");
        var files = new ImdbDataFiles(directory.Combine("train.csv"), directory.Combine("test.csv"));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => ImdbCsvWriter.WriteAsync(reviews, files, new CancellationToken(canceled: true)));

        Assert.Empty(Directory.GetFiles(directory.Path));
    }
}
