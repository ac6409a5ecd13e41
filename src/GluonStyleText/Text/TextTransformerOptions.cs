using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json.Serialization;
using GluonStyleText.Options;

namespace GluonStyleText.Text;

/// <summary>
/// How a <see cref="TextTransformer"/> cuts texts into words, which words it keeps and how long its
/// id sequences are. The JSON names are the ones the transformer file uses (and, where they exist,
/// the seed's <c>config.json</c> keys).
/// </summary>
public sealed class TextTransformerOptions
{
    /// <summary>Largest accepted <see cref="SequenceLength"/>.</summary>
    public const int MaxSequenceLength = 100_000;

    /// <summary>Smallest accepted <see cref="VocabularySize"/>: the two reserved ids plus one word.</summary>
    public const int MinVocabularySize = Vocabulary.ReservedCount + 1;

    /// <summary>Largest accepted <see cref="VocabularySize"/>.</summary>
    public const int MaxVocabularySize = 10_000_000;

    /// <summary>Ids per encoded text: longer texts keep their first words (or their last, with <see cref="KeepLastWords"/>), shorter ones are padded with 0. Default 500.</summary>
    [JsonPropertyName("seq_len"), Range(1, MaxSequenceLength)]
    public int SequenceLength { get; set; } = 500;

    /// <summary>
    /// Number of ids, including padding (0) and unknown (1); so at most this minus 2 words are kept,
    /// the most frequent ones. Default 5000.
    /// </summary>
    [JsonPropertyName("vocab_size"), Range(MinVocabularySize, MaxVocabularySize)]
    public int VocabularySize { get; set; } = 5000;

    /// <summary>Words seen fewer times than this while fitting are left out of the vocabulary. Default 1.</summary>
    [JsonPropertyName("min_count"), Range(1, int.MaxValue)]
    public int MinCount { get; set; } = 1;

    /// <summary>
    /// For texts longer than <see cref="SequenceLength"/> words, keep the last words instead of the first
    /// (the seed kept the first). Reviews and claims often end with their verdict. Padding stays at
    /// the end either way. Default false.
    /// </summary>
    [JsonPropertyName("keep_last_words")]
    public bool KeepLastWords { get; set; }

    /// <summary>
    /// Encode words missing from the vocabulary as id 1 (true, default), or drop them as the seed did (false).
    /// </summary>
    [JsonPropertyName("map_unknown_words")]
    public bool MapUnknownWords { get; set; } = true;

    /// <summary>
    /// Remove every non-ASCII character (after lowercasing) as the seed did, so "café" becomes "caf".
    /// Unicode white space still separates words. Default false: letters and digits of every script are kept.
    /// </summary>
    [JsonPropertyName("ascii_only")]
    public bool AsciiOnly { get; set; }

    /// <summary>Fold case with <see cref="char.ToLowerInvariant(char)"/> semantics, whatever the current culture. Default true.</summary>
    [JsonPropertyName("lowercase")]
    public bool Lowercase { get; set; } = true;

    /// <summary>
    /// Make every Chinese/Japanese ideograph, kana and hangul character a word of its own, since those
    /// scripts do not separate words with spaces. Default true.
    /// </summary>
    [JsonPropertyName("split_cjk_characters")]
    public bool SplitCjkCharacters { get; set; } = true;

    /// <summary>The text-related settings of a classifier configuration (seq_len, vocab_size, min_count, map_unknown_words, keep_last_words); the rest keep their defaults.</summary>
    /// <param name="options">The classifier configuration.</param>
    public static TextTransformerOptions From(TextClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new TextTransformerOptions
        {
            SequenceLength = options.SequenceLength,
            VocabularySize = options.VocabularySize,
            MinCount = options.MinCount,
            MapUnknownWords = options.MapUnknownWords,
            KeepLastWords = options.KeepLastWords,
        };
    }

    /// <summary>A copy that later changes to this instance do not affect.</summary>
    public TextTransformerOptions Clone() => (TextTransformerOptions)MemberwiseClone();

    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> naming the first setting that is out of range.</summary>
    public void Validate()
    {
        if (FindProblem() is { } problem)
        {
            throw new ArgumentOutOfRangeException(problem.Field, problem.Value, problem.Message);
        }
    }

    /// <summary>The first setting that is out of range, with a sentence that names it; null when all are valid.</summary>
    internal (string Field, int Value, string Message)? FindProblem() =>
        OutOfRange(SequenceLength, 1, MaxSequenceLength, nameof(SequenceLength))
        ?? OutOfRange(VocabularySize, MinVocabularySize, MaxVocabularySize, nameof(VocabularySize))
        ?? OutOfRange(MinCount, 1, int.MaxValue, nameof(MinCount));

    private static (string Field, int Value, string Message)? OutOfRange(int value, int min, int max, string name) =>
        value < min || value > max
            ? (name, value, string.Create(CultureInfo.InvariantCulture, $"{nameof(TextTransformerOptions)}.{name} must be between {min} and {max}; it is {value}."))
            : null;
}
