namespace GluonStyleText.Text;

/// <summary>
/// Cuts a text into words, the way the seed's TextTransformer cleaned it but for every script:
/// <list type="bullet">
/// <item>Words are runs of letters, digits and combining marks of any script; everything else
/// (white space, punctuation, symbols) separates them. An apostrophe is punctuation, as in the seed:
/// "don't" gives "don" and "t".</item>
/// <item><c>&lt;br /&gt;</c>-style tags separate words; HTML entities (<c>&amp;amp;</c>, <c>&amp;#39;</c>,
/// <c>&amp;#x27;</c>, ...) count as the character they stand for.</item>
/// <item>Case is folded with <see cref="char.ToLowerInvariant(char)"/> semantics, independent of the current culture.</item>
/// <item>Han ideographs, kana and hangul each form a word of their own (optional).</item>
/// <item>Invisible format characters (soft hyphen, zero-width joiners, BOM) are removed without splitting the word.</item>
/// </list>
/// Texts are not Unicode-normalized: normalize them (NFC) first if sources mix composed and decomposed accents.
/// Instances are immutable and thread-safe.
/// </summary>
public sealed class TextTokenizer
{
    /// <summary>A tokenizer with the default settings (lowercase, every script, CJK split).</summary>
    /// <param name="lowercase">Fold case; see <see cref="Lowercase"/>.</param>
    /// <param name="asciiOnly">Remove non-ASCII characters; see <see cref="AsciiOnly"/>.</param>
    /// <param name="splitCjkCharacters">One word per CJK character; see <see cref="SplitCjkCharacters"/>.</param>
    public TextTokenizer(bool lowercase = true, bool asciiOnly = false, bool splitCjkCharacters = true)
    {
        Lowercase = lowercase;
        AsciiOnly = asciiOnly;
        SplitCjkCharacters = splitCjkCharacters;
    }

    /// <summary>The tokenizer that <paramref name="options"/> describe.</summary>
    /// <param name="options">Transformer options; only the tokenization settings are used.</param>
    public TextTokenizer(TextTransformerOptions options)
        : this(
            (options ?? throw new ArgumentNullException(nameof(options))).Lowercase,
            options.AsciiOnly,
            options.SplitCjkCharacters)
    {
    }

    /// <summary>Whether case is folded (culture-invariant).</summary>
    public bool Lowercase { get; }

    /// <summary>Whether non-ASCII characters are removed, as the seed did ("café" becomes "caf"); Unicode white space still separates words.</summary>
    public bool AsciiOnly { get; }

    /// <summary>Whether each Han ideograph, kana and hangul character is a word of its own.</summary>
    public bool SplitCjkCharacters { get; }

    /// <summary>
    /// The words of <paramref name="text"/>, one span at a time, without allocating a string per word.
    /// Each span is valid until the next <c>MoveNext</c>; use it in a <c>foreach</c> so the enumerator is disposed.
    /// </summary>
    /// <param name="text">The text to cut.</param>
    public TokenEnumerator EnumerateTokens(ReadOnlySpan<char> text) => new(text, Lowercase, AsciiOnly, SplitCjkCharacters);

    /// <summary>The words of <paramref name="text"/> as strings; convenient, but allocates.</summary>
    /// <param name="text">The text to cut.</param>
    public IReadOnlyList<string> Tokenize(ReadOnlySpan<char> text)
    {
        var words = new List<string>();
        foreach (var word in EnumerateTokens(text))
        {
            words.Add(word.ToString());
        }
        return words;
    }

    /// <summary>
    /// The words of <paramref name="text"/> as <see cref="Tokenize"/> gives them, each with the span of the
    /// original text it came from, so that a caller can point at a word the model saw lowercased or decoded.
    /// </summary>
    /// <param name="text">The text to cut.</param>
    internal IReadOnlyList<TokenSpan> TokenizeWithSpans(ReadOnlySpan<char> text)
    {
        var words = new List<TokenSpan>();
        var tokens = EnumerateTokens(text);
        try
        {
            while (tokens.MoveNext())
            {
                var (start, length) = tokens.CurrentSpan;
                words.Add(new TokenSpan(tokens.Current.ToString(), start, length));
            }
        }
        finally
        {
            tokens.Dispose();
        }
        return words;
    }

    /// <summary>
    /// <paramref name="text"/> without one of its words: for any tokenizer settings, its words are those of
    /// <paramref name="text"/> less <paramref name="word"/> (explanations by occlusion rely on it).
    /// </summary>
    /// <param name="text">The text <paramref name="word"/> came from.</param>
    /// <param name="word">One of the words <see cref="TokenizeWithSpans"/> gave for <paramref name="text"/>.</param>
    internal static string WithoutWord(string text, TokenSpan word) =>
        // A line feed takes the word's place so that its neighbours do not join into one word; not a
        // space, because a space could complete an HTML tag ("<br foo>" would become "<br  >", a line
        // break, and so lose the word "br" too).
        string.Concat(text.AsSpan(0, word.Start), "\n", text.AsSpan(word.Start + word.Length));
}
