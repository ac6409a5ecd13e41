using GluonStyleText.Text;

namespace GluonStyleText.Training;

/// <summary>
/// What <c>auto</c> needs to know about the training texts, measured with the text transformer's own tokenizer
/// (so that a length or a word count here is exactly what the model will see): the number of tokens of every
/// text and the count of every word.
/// </summary>
internal sealed class TextDataProfile
{
    private readonly int[] _sortedTokenCounts;

    private TextDataProfile(int[] sortedTokenCounts, WordCounter words)
    {
        this._sortedTokenCounts = sortedTokenCounts;
        Words = words;
    }

    /// <summary>Number of texts measured.</summary>
    public int Texts => _sortedTokenCounts.Length;

    /// <summary>Tokens of the longest text.</summary>
    public int LongestText => _sortedTokenCounts.Length == 0 ? 0 : _sortedTokenCounts[^1];

    /// <summary>Every word with its count.</summary>
    public WordCounter Words { get; }

    /// <summary>Measures <paramref name="texts"/>, in parallel.</summary>
    /// <param name="texts">The training texts.</param>
    /// <param name="tokenizer">The tokenizer of the text transformer that will encode them.</param>
    /// <param name="cancellationToken">Stops the measuring.</param>
    public static TextDataProfile Measure(IReadOnlyList<string> texts, TextTokenizer tokenizer, CancellationToken cancellationToken)
    {
        var counts = new int[texts.Count];
        Parallel.For(0, texts.Count, new ParallelOptions { CancellationToken = cancellationToken }, row =>
        {
            int tokens = 0;
            foreach (var _ in tokenizer.EnumerateTokens(texts[row]))
            {
                tokens++;
            }

            counts[row] = tokens;
        });
        Array.Sort(counts);
        return new TextDataProfile(counts, WordCounter.Count(texts, tokenizer, cancellationToken: cancellationToken));
    }

    /// <summary>The token count that <paramref name="percent"/> % of the texts do not exceed (nearest rank).</summary>
    /// <param name="percent">In (0, 100].</param>
    public int TokenCountPercentile(double percent)
    {
        if (_sortedTokenCounts.Length == 0)
        {
            return 0;
        }

        int rank = (int)Math.Ceiling(percent / 100 * _sortedTokenCounts.Length);
        return _sortedTokenCounts[Math.Clamp(rank, 1, _sortedTokenCounts.Length) - 1];
    }

    /// <summary>Share of all word occurrences that are of words seen exactly once.</summary>
    public double SeenOnceShare => ExpectedShare(count => count == 1 ? 1 : 0);

    /// <summary>
    /// Share of all word occurrences that word dropout to the unknown id replaces, on average, when a word seen
    /// <c>n</c> times is replaced with probability <c>alpha / (alpha + n)</c>.
    /// </summary>
    /// <param name="alpha">The dropout's alpha (unknown_word_dropout).</param>
    public double ExpectedDroppedShare(double alpha) => ExpectedShare(count => alpha / (alpha + count));

    /// <summary>Number of different words seen at least <paramref name="minCount"/> times.</summary>
    public int WordsSeenAtLeast(long minCount) => Words.MostFrequent(int.MaxValue, minCount).Count;

    // The mean of weight(count) over every occurrence of every word.
    private double ExpectedShare(Func<long, double> weight)
    {
        double total = 0, weighted = 0;
        foreach (var entry in Words.MostFrequent(int.MaxValue, 1))
        {
            total += entry.Value;
            weighted += entry.Value * weight(entry.Value);
        }

        return total == 0 ? 0 : weighted / total;
    }
}
