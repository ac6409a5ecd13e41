using GluonStyleText.Training;
using static TorchSharp.torch;

namespace GluonStyleText.Tests.Training;

public sealed class LengthBucketedOrderTests
{
    [Fact]
    public void EveryRowIsInExactlyOneBatchAndTheOrderDependsOnlyOnTheSeed()
    {
        var lengths = Enumerable.Range(0, 1000).Select(i => (i * 37) % 500).ToArray();

        var first = LengthBucketedOrder.Create(lengths, 8, seed: 3);
        var again = LengthBucketedOrder.Create(lengths, 8, seed: 3);
        var other = LengthBucketedOrder.Create(lengths, 8, seed: 4);

        Assert.Equal(125, first.Length);
        Assert.Equal(Enumerable.Range(0, 1000), first.SelectMany(batch => batch).Order());
        Assert.Equal(first.SelectMany(batch => batch), again.SelectMany(batch => batch));
        Assert.NotEqual(first.SelectMany(batch => batch), other.SelectMany(batch => batch));
    }

    [Fact]
    public void BatchesHoldTextsOfSimilarLengthAndAreNotInLengthOrder()
    {
        var random = new Random(1);
        var lengths = Enumerable.Range(0, 6400).Select(_ => random.Next(1, 501)).ToArray();

        var batches = LengthBucketedOrder.Create(lengths, 64, seed: 9);

        // A random batch of 64 spans about 490 lengths; one drawn from a sorted chunk of 50 batches about 10.
        double meanSpan = batches.Average(batch => batch.Max(row => lengths[row]) - batch.Min(row => lengths[row]));
        Assert.True(meanSpan < 50, $"mean length span per batch {meanSpan}");
        var longest = batches.Select(batch => batch.Max(row => lengths[row])).ToArray();
        Assert.NotEqual(longest.Order(), longest);
    }

    [Fact]
    public void ABatchIsCutToItsLongestTextRoundedUpToABatchWidth()
    {
        using var scope = NewDisposeScope();
        const int sequenceLength = 40;
        var ids = new long[4 * sequenceLength];
        ids[0] = 1;
        ids[sequenceLength] = 2;
        ids[sequenceLength + 1] = 3;
        for (int i = 0; i < 11; i++)
        {
            ids[(3 * sequenceLength) + i] = 4;
        }

        var data = new EncodedDataset(ids, [0, 1, 0, 1], sequenceLength);

        var (inputs, targets) = Batches.ToTensors(data, [1, 0], CPU);
        var (empty, _) = Batches.ToTensors(data, [2], CPU);
        var (longer, _) = Batches.ToTensors(data, [3, 0], CPU);

        Assert.Equal([1, 2, 0, 11], data.Lengths.ToArray());
        Assert.Equal(new long[] { 2, 8 }, inputs.shape);
        Assert.Equal(new long[] { 2, 3, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0 }, inputs.data<long>().ToArray());
        Assert.Equal(new long[] { 1, 0 }, targets.data<long>().ToArray());
        Assert.Equal(new long[] { 1, 8 }, empty.shape);
        Assert.Equal(new long[] { 2, 16 }, longer.shape);
    }
}
