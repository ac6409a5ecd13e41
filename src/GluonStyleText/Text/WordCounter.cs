using System.Globalization;
using System.Runtime.CompilerServices;

namespace GluonStyleText.Text;

/// <summary>
/// Counts words given as spans, without allocating a string per word. Not thread-safe: give each
/// thread its own counter and <see cref="Merge"/> them (as <see cref="Count"/> does).
/// </summary>
internal sealed class WordCounter
{
    /// <summary>Texts counted between two progress reports of <see cref="Count"/>.</summary>
    public const int ProgressInterval = 4096;

    private readonly WordTable _words;
    private long[] _counts;

    /// <summary>An empty counter.</summary>
    public WordCounter()
        : this(0)
    {
    }

    private WordCounter(int capacity)
    {
        _words = new WordTable(capacity);
        _counts = new long[Math.Max(256, capacity)];
    }

    /// <summary>
    /// Counts the words of <paramref name="texts"/> on every core: each thread counts its share in its own
    /// counter and the counters are merged at the end, so memory grows with the number of distinct words,
    /// not with the number of texts, and <paramref name="texts"/> may be a lazy sequence of any length.
    /// </summary>
    /// <param name="texts">The texts, read once; none may be null.</param>
    /// <param name="tokenizer">How texts are cut into words.</param>
    /// <param name="progress">Receives the number of texts counted so far, every <see cref="ProgressInterval"/> texts and at the end.</param>
    /// <param name="cancellationToken">Stops the counting with an <see cref="OperationCanceledException"/>.</param>
    public static WordCounter Count(
        IEnumerable<string> texts,
        TextTokenizer tokenizer,
        IProgress<long>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(tokenizer);
        WordCounter? total = null;
        var gate = new object();
        long counted = 0;

        void Flush(ThreadCount local)
        {
            lock (gate)
            {
                counted += local.Unreported;
                local.Unreported = 0;
                progress?.Report(counted);
            }
        }

        try
        {
            Parallel.ForEach(
                texts,
                // More workers than cores would only add tables to fill and merge.
                new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
                () => new ThreadCount(),
                (text, _, index, local) =>
                {
                    if (text is null)
                    {
                        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Text {index} is null."), nameof(texts));
                    }
                    local.Words.AddWords(tokenizer, text);
                    if (++local.Unreported == ProgressInterval)
                    {
                        Flush(local);
                    }
                    return local;
                },
                local =>
                {
                    lock (gate)
                    {
                        // Merging the smaller counter into the larger one copies the fewest words.
                        if (total is null)
                        {
                            total = local.Words;
                        }
                        else if (local.Words.DistinctWords > total.DistinctWords)
                        {
                            local.Words.Merge(total);
                            total = local.Words;
                        }
                        else
                        {
                            total.Merge(local.Words);
                        }
                        counted += local.Unreported;
                    }
                });
        }
        catch (AggregateException ex)
        {
            ParallelWork.ThrowSingle(ex);
            throw;
        }
        progress?.Report(counted);
        return total ?? new WordCounter();
    }

    /// <summary>Number of different words seen.</summary>
    public int DistinctWords => _words.Count;

    /// <summary>Number of words seen, repeats included.</summary>
    public long TotalWords { get; private set; }

    /// <summary>Counts one occurrence of <paramref name="word"/>.</summary>
    /// <param name="word">A non-empty word.</param>
    public void Add(ReadOnlySpan<char> word)
    {
        if (word.IsEmpty)
        {
            throw new ArgumentException("A word cannot be empty.", nameof(word));
        }
        CountOf(word)++;
        TotalWords++;
    }

    /// <summary>Counts <paramref name="occurrences"/> occurrences of <paramref name="word"/>.</summary>
    /// <param name="word">A non-empty word.</param>
    /// <param name="occurrences">How many times it was seen; not negative.</param>
    public void Add(ReadOnlySpan<char> word, long occurrences)
    {
        if (word.IsEmpty)
        {
            throw new ArgumentException("A word cannot be empty.", nameof(word));
        }
        ArgumentOutOfRangeException.ThrowIfNegative(occurrences);
        CountOf(word) += occurrences;
        TotalWords += occurrences;
    }

    /// <summary>Counts every word of <paramref name="text"/>.</summary>
    /// <remarks>Compiled fully optimized at once: a single fit may be over before tiered compilation would get to it.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void AddWords(TextTokenizer tokenizer, ReadOnlySpan<char> text)
    {
        long words = 0;
        foreach (var word in tokenizer.EnumerateTokens(text))
        {
            CountOf(word)++;
            words++;
        }
        TotalWords += words;
    }

    /// <summary>How many times <paramref name="word"/> was seen.</summary>
    /// <param name="word">The word.</param>
    public long GetCount(ReadOnlySpan<char> word)
    {
        var number = _words.IndexOf(word);
        return number < 0 ? 0 : _counts[number];
    }

    /// <summary>Adds the counts of <paramref name="other"/> to this counter.</summary>
    /// <param name="other">Another counter; left unchanged.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Merge(WordCounter other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var number = 0; number < other._words.Count; number++)
        {
            CountOf(other._words.GetWord(number)) += other._counts[number];
        }
        TotalWords += other.TotalWords;
    }

    /// <summary>
    /// The <paramref name="maxWords"/> most frequent words seen at least <paramref name="minCount"/>
    /// times, most frequent first; equal counts in ordinal order of the words, so the result never
    /// depends on the order the texts were counted in.
    /// </summary>
    /// <param name="maxWords">Most words to return; not negative.</param>
    /// <param name="minCount">Fewest occurrences a word needs; at least 1.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public IReadOnlyList<KeyValuePair<string, long>> MostFrequent(int maxWords, long minCount = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxWords);
        ArgumentOutOfRangeException.ThrowIfLessThan(minCount, 1);
        if (maxWords == 0)
        {
            return [];
        }

        // A bounded heap whose top is the weakest word kept: n log k instead of sorting every distinct word.
        var kept = new PriorityQueue<int, int>(Comparer<int>.Create((x, y) => Rank(y, x)));
        for (var number = 0; number < _words.Count; number++)
        {
            if (_counts[number] < minCount)
            {
                continue;
            }
            if (kept.Count < maxWords)
            {
                kept.Enqueue(number, number);
            }
            else if (Rank(number, kept.Peek()) < 0)
            {
                kept.EnqueueDequeue(number, number);
            }
        }

        var result = new KeyValuePair<string, long>[kept.Count];
        for (var i = result.Length - 1; i >= 0; i--)
        {
            var number = kept.Dequeue();
            result[i] = new KeyValuePair<string, long>(_words.GetWord(number).ToString(), _counts[number]);
        }
        return result;
    }

    /// <summary>Negative when word <paramref name="a"/> ranks before word <paramref name="b"/>: higher count, then ordinal order.</summary>
    private int Rank(int a, int b)
    {
        var byCount = _counts[b].CompareTo(_counts[a]);
        return byCount != 0 ? byCount : _words.GetWord(a).SequenceCompareTo(_words.GetWord(b));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref long CountOf(ReadOnlySpan<char> word)
    {
        var number = _words.GetOrAdd(word);
        if (number >= _counts.Length)
        {
            Array.Resize(ref _counts, _counts.Length * 2);
        }
        return ref _counts[number];
    }

    /// <summary>One thread's share of the counting.</summary>
    private sealed class ThreadCount
    {
        // Sized for a typical corpus from the start, so that counting rarely stops to grow the table.
        public WordCounter Words { get; } = new(16_384);

        public int Unreported { get; set; }
    }
}
