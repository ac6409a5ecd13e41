using System.Collections.ObjectModel;
using System.Globalization;

namespace GluonStyleText.Text;

/// <summary>
/// The words a model knows, each with its id: 0 is padding (<c>&lt;pad&gt;</c>), 1 stands for any
/// unknown word (<c>&lt;unk&gt;</c>), and the real words follow from 2, most frequent first.
/// Immutable and thread-safe.
/// </summary>
public sealed class Vocabulary
{
    /// <summary>Id that fills a sequence after its last word.</summary>
    public const int PaddingId = 0;

    /// <summary>Id of any word the vocabulary does not hold.</summary>
    public const int UnknownId = 1;

    /// <summary>Number of ids reserved before the first real word.</summary>
    public const int ReservedCount = 2;

    /// <summary>Text shown for <see cref="PaddingId"/>.</summary>
    public const string PaddingToken = "<pad>";

    /// <summary>Text shown for <see cref="UnknownId"/>.</summary>
    public const string UnknownToken = "<unk>";

    private readonly string[] _words;
    private readonly WordTable _ids;

    /// <summary>A vocabulary of <paramref name="words"/>, which get ids 2, 3, ... in the order given.</summary>
    /// <param name="words">Distinct, non-empty words, without the reserved tokens.</param>
    /// <exception cref="ArgumentException">A word is null, empty, repeated or a reserved token; the message names its position.</exception>
    public Vocabulary(IEnumerable<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var all = new List<string> { PaddingToken, UnknownToken };
        all.AddRange(words);
        _words = [.. all];
        _ids = new WordTable(_words.Length);
        for (var id = 0; id < _words.Length; id++)
        {
            var word = _words[id];
            var position = id - ReservedCount;
            if (string.IsNullOrEmpty(word))
            {
                throw new ArgumentException(Invariant($"Word {position} of the vocabulary is null or empty."), nameof(words));
            }
            var first = _ids.GetOrAdd(word);
            if (first != id)
            {
                throw new ArgumentException(
                    first < ReservedCount
                        ? Invariant($"Word {position} of the vocabulary is the reserved token '{word}'.")
                        : Invariant($"Word {position} of the vocabulary, '{word}', repeats word {first - ReservedCount}."),
                    nameof(words));
            }
        }
        Words = Array.AsReadOnly(_words);
    }

    /// <summary>Number of ids, the two reserved ones included.</summary>
    public int Count => _words.Length;

    /// <summary>Every word in id order: <c>&lt;pad&gt;</c>, <c>&lt;unk&gt;</c>, then the real words.</summary>
    public ReadOnlyCollection<string> Words { get; }

    /// <summary>The word with id <paramref name="id"/>.</summary>
    /// <param name="id">An id in [0, <see cref="Count"/>).</param>
    public string GetWord(int id)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(id, Count);
        return _words[id];
    }

    /// <summary>Looks up a word without allocating.</summary>
    /// <param name="word">The word, as the tokenizer returns it.</param>
    /// <param name="id">Its id, or <see cref="UnknownId"/> when it is not in the vocabulary.</param>
    /// <returns>Whether the vocabulary holds the word.</returns>
    public bool TryGetId(ReadOnlySpan<char> word, out int id)
    {
        id = _ids.IndexOf(word);
        if (id >= 0)
        {
            return true;
        }
        id = UnknownId;
        return false;
    }

    private static string Invariant(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}
