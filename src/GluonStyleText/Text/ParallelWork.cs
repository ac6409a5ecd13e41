using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace GluonStyleText.Text;

/// <summary>Runs row-wise work over the cores, in ranges big enough that scheduling costs nothing.</summary>
internal static class ParallelWork
{
    private const int SequentialRowLimit = 64;
    private const int MinRangeSize = 16;

    /// <summary>
    /// Calls <paramref name="body"/> with disjoint ranges [from, to) covering [0, <paramref name="count"/>),
    /// none longer than <paramref name="maxRangeSize"/>; in parallel unless the work is small.
    /// </summary>
    public static void ForRanges(int count, int maxRangeSize, Action<int, int> body, CancellationToken cancellationToken)
    {
        var cores = Environment.ProcessorCount;
        var rangeSize = Math.Max(1, Math.Min(maxRangeSize, Math.Max(MinRangeSize, count / (cores * 8))));
        if (count <= SequentialRowLimit || cores == 1)
        {
            for (var from = 0; from < count; from += rangeSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                body(from, Math.Min(count, from + rangeSize));
            }
            return;
        }

        var options = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = cores };
        try
        {
            Parallel.ForEach(Partitioner.Create(0, count, rangeSize), options, range => body(range.Item1, range.Item2));
        }
        catch (AggregateException ex)
        {
            ThrowSingle(ex);
            throw;
        }
    }

    /// <summary>Rethrows the only exception inside <paramref name="exception"/>, so callers see the real error.</summary>
    public static void ThrowSingle(AggregateException exception)
    {
        var flattened = exception.Flatten();
        if (flattened.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Capture(flattened.InnerExceptions[0]).Throw();
        }
    }
}
