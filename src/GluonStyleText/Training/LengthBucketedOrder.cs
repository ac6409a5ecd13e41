namespace GluonStyleText.Training;

/// <summary>
/// The batches of one training epoch, grouped so that each holds texts of similar length and can be
/// cut short: a seeded shuffle, then chunks of <see cref="BatchesPerChunk"/> batches sorted by length
/// and cut into batches, then the batches shuffled. The chunks keep the order random enough for SGD
/// (a batch only ever mixes texts drawn from one random chunk), and the last shuffle stops the epoch
/// from running short texts first and long ones last.
/// </summary>
internal static class LengthBucketedOrder
{
    /// <summary>Batches per sorted chunk: large enough to find similar lengths, small enough to stay random.</summary>
    internal const int BatchesPerChunk = 50;

    /// <summary>The rows of every batch of an epoch, in training order; the same for the same seed.</summary>
    /// <param name="lengths">Each row's text length.</param>
    /// <param name="batchSize">Rows per batch (the last batch may hold fewer).</param>
    /// <param name="seed">The epoch's seed.</param>
    internal static int[][] Create(ReadOnlySpan<int> lengths, int batchSize, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var random = new Random(seed);
        int[] order = Enumerable.Range(0, lengths.Length).ToArray();
        random.Shuffle(order);

        int chunkSize = batchSize * BatchesPerChunk;
        for (int start = 0; start < order.Length; start += chunkSize)
        {
            SortByLength(order.AsSpan(start, Math.Min(chunkSize, order.Length - start)), lengths);
        }

        var batches = new int[(order.Length + batchSize - 1) / batchSize][];
        for (int batch = 0; batch < batches.Length; batch++)
        {
            int start = batch * batchSize;
            batches[batch] = order[start..Math.Min(start + batchSize, order.Length)];
        }

        random.Shuffle(batches);
        return batches;
    }

    /// <summary>Sorts <paramref name="rows"/> by their length, ties in their current order, so the result depends on nothing else.</summary>
    /// <param name="rows">Row indices, sorted in place.</param>
    /// <param name="lengths">Each row's text length.</param>
    internal static void SortByLength(Span<int> rows, ReadOnlySpan<int> lengths)
    {
        // The position in the key makes it unique, because span sorting is not stable.
        var keys = new long[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            keys[i] = ((long)lengths[rows[i]] << 32) | (uint)i;
        }

        keys.AsSpan().Sort(rows);
    }
}
