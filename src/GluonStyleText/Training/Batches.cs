using TorchSharp;
using static TorchSharp.torch;

namespace GluonStyleText.Training;

/// <summary>Turns rows of an <see cref="EncodedDataset"/> into the tensors a training or evaluation step feeds the model.</summary>
internal static class Batches
{
    // How many batches' worth of shuffled texts are sorted by length together: enough that a batch
    // holds texts of similar length, few enough that the batches of an epoch still differ in content.
    private const int BatchesPerSortedChunk = 50;

    /// <summary>
    /// Token ids <c>[rows, longest]</c> (int64), cut to the longest of the rows' texts rather than
    /// seq_len, and class ids <c>[rows]</c> (int64) on <paramref name="device"/>. The models ignore
    /// padding, so cutting it changes nothing but the work.
    /// </summary>
    internal static (Tensor Inputs, Tensor Targets) ToTensors(EncodedDataset data, int[] rows, Device device)
    {
        int width = data.LongestOf(rows);
        var ids = new long[(long)rows.Length * width];
        data.CopyRows(rows, ids, width);
        var labels = data.Labels.Span;
        var targets = new long[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            targets[i] = labels[rows[i]];
        }

        var inputTensor = tensor(ids, [rows.Length, width]);
        var targetTensor = tensor(targets);
        return device.type == DeviceType.CPU
            ? (inputTensor, targetTensor)
            : (inputTensor.to(device), targetTensor.to(device));
    }

    /// <summary>
    /// One epoch's batches: the texts shuffled by <paramref name="random"/>, sorted by length within
    /// chunks of <see cref="BatchesPerSortedChunk"/> batches so that a batch wastes little on padding,
    /// then the batches shuffled so that the epoch does not run from short texts to long ones.
    /// </summary>
    internal static List<int[]> OfSimilarLength(EncodedDataset data, int batchSize, Random random)
    {
        int[] order = Enumerable.Range(0, data.Count).ToArray();
        random.Shuffle(order);
        int chunkSize = batchSize * BatchesPerSortedChunk;
        var batches = new List<int[]>((data.Count + batchSize - 1) / batchSize);
        for (int chunkStart = 0; chunkStart < order.Length; chunkStart += chunkSize)
        {
            var chunk = order[chunkStart..Math.Min(chunkStart + chunkSize, order.Length)];
            var chunkLengths = chunk.Select(data.Length).ToArray();
            Array.Sort(chunkLengths, chunk);
            for (int start = 0; start < chunk.Length; start += batchSize)
            {
                batches.Add(chunk[start..Math.Min(start + batchSize, chunk.Length)]);
            }
        }

        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(batches));
        return batches;
    }

    /// <summary>All rows in batches of <paramref name="batchSize"/>, sorted by length; for evaluation, where order does not matter.</summary>
    internal static IEnumerable<int[]> ByLength(EncodedDataset data, int batchSize)
    {
        int[] order = Enumerable.Range(0, data.Count).ToArray();
        var lengths = order.Select(data.Length).ToArray();
        Array.Sort(lengths, order);
        for (int start = 0; start < order.Length; start += batchSize)
        {
            yield return order[start..Math.Min(start + batchSize, order.Length)];
        }
    }
}
