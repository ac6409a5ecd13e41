using GluonStyleText.Training;

namespace GluonStyleText.Tests.Training;

public sealed class BatchesTests
{
    [Fact]
    public void AnEpochsBatchesHoldEveryTextOnceGroupTextsOfSimilarLengthAndRepeatForASeed()
    {
        var data = DatasetOfLengths(Enumerable.Range(0, 1000).Select(i => (i * 37) % 100).ToArray(), sequenceLength: 100);

        var batches = Batches.OfSimilarLength(data, batchSize: 10, new Random(5));
        var again = Batches.OfSimilarLength(data, batchSize: 10, new Random(5));

        Assert.Equal(Enumerable.Range(0, 1000), batches.SelectMany(rows => rows).Order());
        Assert.Equal(100, batches.Count);
        Assert.Equal(batches, again);
        // Sorted within chunks of 500 texts of lengths 0..99, a batch spans about 2 lengths instead of about 90.
        Assert.True(batches.Average(rows => rows.Max(data.Length) - rows.Min(data.Length)) < 5);
    }

    [Fact]
    public void ABatchIsCutToItsLongestText()
    {
        var data = DatasetOfLengths([3, 7, 0, 2], sequenceLength: 20);

        var (inputs, _) = Batches.ToTensors(data, [0, 3], TorchSharp.torch.CPU);
        var (empty, _) = Batches.ToTensors(data, [2], TorchSharp.torch.CPU);

        Assert.Equal(new long[] { 2, 3 }, inputs.shape);
        Assert.Equal(new long[] { 1, 1 }, empty.shape);
    }

    private static EncodedDataset DatasetOfLengths(int[] lengths, int sequenceLength)
    {
        var ids = new long[lengths.Length * sequenceLength];
        for (int row = 0; row < lengths.Length; row++)
        {
            ids.AsSpan(row * sequenceLength, lengths[row]).Fill(5);
        }

        return new EncodedDataset(ids, new int[lengths.Length], sequenceLength);
    }
}
