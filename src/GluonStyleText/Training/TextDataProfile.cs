using GluonStyleText.Text;

namespace GluonStyleText.Training;

/// <summary>
/// What <c>auto</c> needs to know about the training texts, measured with the text transformer's own tokenizer
/// (so that a length or a word count here is exactly what the model will see): the number of tokens of every
/// text and the count of every word.
/// </summary>
internal sealed class TextDataProfile
{
    private readonly int[] sortedTokenCounts;

    private TextDataProfile(int[] sortedTokenCounts, WordCounter words)
    {
        this.sortedTokenCounts = sortedTokenCounts;
        Words = words;
    }

    /// <summary>Number of texts measured.</summary>
    public int Texts => sortedTokenCounts.Length;

    /// <summary>Tokens of the longest text.</summary>
    public int LongestText => sortedTokenCounts.Length == 0 ? 0 : sortedTokenCounts[^1];

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
        if (sortedTokenCounts.Length == 0)
        {
            return 0;
        }

        int rank = (int)Math.Ceiling(percent / 100 * sortedTokenCounts.Length);
        return sortedTokenCounts[Math.Clamp(rank, 1, sortedTokenCounts.Length) - 1];
    }

    /// <summary>Number of different words seen at least <paramref name="minCount"/> times.</summary>
    public int WordsSeenAtLeast(long minCount) => Words.MostFrequent(int.MaxValue, minCount).Count;
}
