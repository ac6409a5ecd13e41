using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using TorchSharp;

namespace GluonStyleText.Text;

/// <summary>
/// Turns texts into fixed-length sequences of word ids, the input of the classifiers: the seed's
/// TextTransformer, Unicode-aware and fast. Words come from <see cref="TextTokenizer"/>; ids come from a
/// <see cref="Vocabulary"/> learned by <see cref="Fit"/>. A sequence holds the ids of the text's first
/// <see cref="SequenceLength"/> words (or last, with <see cref="TextTransformerOptions.KeepLastWords"/>), then zeros (padding). Unlike the seed, which clipped rare words'
/// ids to vocab_size - 1 and dropped unseen words, every word outside the vocabulary gets
/// <see cref="Vocabulary.UnknownId"/> (or is dropped, with <see cref="TextTransformerOptions.MapUnknownWords"/> false).
/// Immutable and thread-safe.
/// </summary>
public sealed class TextTransformer
{
    private readonly TextTransformerOptions _options;
    private readonly bool _mapUnknownWords;
    private readonly bool _keepLastWords;

    /// <summary>A transformer with a known vocabulary.</summary>
    /// <param name="options">Options; copied, and validated.</param>
    /// <param name="vocabulary">The vocabulary; at most <see cref="TextTransformerOptions.VocabularySize"/> ids.</param>
    /// <exception cref="ArgumentException">The options are invalid or the vocabulary is too large.</exception>
    public TextTransformer(TextTransformerOptions options, Vocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(vocabulary);
        _options = options.Clone();
        _options.Validate();
        if (vocabulary.Count > _options.VocabularySize)
        {
            throw new ArgumentException(
                Invariant($"The vocabulary has {vocabulary.Count} ids, more than {nameof(TextTransformerOptions)}.{nameof(TextTransformerOptions.VocabularySize)} ({_options.VocabularySize})."),
                nameof(vocabulary));
        }
        _mapUnknownWords = _options.MapUnknownWords;
        _keepLastWords = _options.KeepLastWords;
        Vocabulary = vocabulary;
        Tokenizer = new TextTokenizer(_options);
    }

    /// <summary>The words this transformer knows.</summary>
    public Vocabulary Vocabulary { get; }

    /// <summary>How texts are cut into words.</summary>
    public TextTokenizer Tokenizer { get; }

    /// <summary>Ids per encoded text.</summary>
    public int SequenceLength => _options.SequenceLength;

    /// <summary>A copy of the options this transformer was made with.</summary>
    public TextTransformerOptions GetOptions() => _options.Clone();

    /// <summary>
    /// Learns the vocabulary from <paramref name="texts"/>: the vocab_size - 2 most frequent words seen at
    /// least min_count times (ties in ordinal order). Streams: memory grows with the number of distinct
    /// words, not with the number of texts. Uses every core.
    /// </summary>
    /// <param name="texts">Training texts, read once; none may be null.</param>
    /// <param name="options">Options; validated.</param>
    /// <param name="progress">Receives the number of texts counted so far, now and then and at the end.</param>
    /// <param name="cancellationToken">Stops the counting.</param>
    public static TextTransformer Fit(
        IEnumerable<string> texts,
        TextTransformerOptions options,
        IProgress<long>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var counts = WordCounter.Count(texts, new TextTokenizer(options), progress, cancellationToken);
        var words = counts.MostFrequent(options.VocabularySize - Vocabulary.ReservedCount, options.MinCount);
        return new TextTransformer(options, new Vocabulary(words.Select(entry => entry.Key)));
    }

    /// <summary>Loads a transformer saved by <see cref="Save(string)"/>.</summary>
    /// <param name="path">The JSON file.</param>
    /// <exception cref="InvalidDataException">The file is not a valid transformer file; the message names it.</exception>
    public static TextTransformer Load(string path) => TextTransformerFile.Load(path);

    /// <summary>Loads a transformer saved by <see cref="Save(Stream)"/>.</summary>
    /// <param name="stream">The JSON, read to its end.</param>
    /// <param name="sourceName">Name of the stream's source (file or archive entry), used in error messages.</param>
    /// <exception cref="InvalidDataException">The content is not a valid transformer file; the message names <paramref name="sourceName"/>.</exception>
    public static TextTransformer Load(Stream stream, string sourceName) => TextTransformerFile.Load(stream, sourceName);

    /// <summary>Saves as versioned JSON; written to a temporary name and renamed, so <paramref name="path"/> is never half-written.</summary>
    /// <param name="path">The JSON file to create or replace.</param>
    public void Save(string path) => TextTransformerFile.Save(this, path);

    /// <summary>Writes the versioned JSON to <paramref name="stream"/>.</summary>
    /// <param name="stream">A writable stream; left open.</param>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        TextTransformerFile.Save(this, stream);
    }

    /// <summary>The ids of one text: its first (or last) <see cref="SequenceLength"/> known words, then zeros.</summary>
    /// <param name="text">The text.</param>
    public long[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new long[SequenceLength];
        EncodeInto(text, ids);
        return ids;
    }

    /// <summary>Writes the ids of one text into <paramref name="destination"/>, without allocating.</summary>
    /// <param name="text">The text.</param>
    /// <param name="destination">Exactly <see cref="SequenceLength"/> ids long.</param>
    /// <returns>How many ids are words; the rest of <paramref name="destination"/> is padding.</returns>
    public int Encode(ReadOnlySpan<char> text, Span<long> destination)
    {
        if (destination.Length != SequenceLength)
        {
            throw new ArgumentException(
                Invariant($"The destination holds {destination.Length} ids; it must hold exactly {SequenceLength}."),
                nameof(destination));
        }
        return EncodeInto(text, destination);
    }

    /// <summary>The ids of many texts, one row each, encoded on every core when there are many.</summary>
    /// <param name="texts">The texts; none may be null.</param>
    /// <param name="cancellationToken">Stops the encoding.</param>
    /// <returns>An array of shape [texts.Count, <see cref="SequenceLength"/>].</returns>
    public long[,] EncodeBatch(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        CheckTexts(texts);
        var sequenceLength = SequenceLength;
        var ids = new long[texts.Count, sequenceLength];
        ParallelWork.ForRanges(
            texts.Count,
            int.MaxValue / sequenceLength, // a span over a range of rows holds at most int.MaxValue ids
            (from, to) => EncodeRange(texts, from, to, from == to ? [] : MemoryMarshal.CreateSpan(ref ids[from, 0], (to - from) * sequenceLength), lengths: null),
            cancellationToken);
        return ids;
    }

    /// <summary>The ids of many texts in one row-major array of <c>texts.Count * </c><see cref="SequenceLength"/>, encoded on every core when there are many.</summary>
    internal long[] EncodeRowMajor(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        CheckTexts(texts);
        var sequenceLength = SequenceLength;
        var ids = new long[(long)texts.Count * sequenceLength];
        ParallelWork.ForRanges(
            texts.Count,
            int.MaxValue / sequenceLength,
            (from, to) => EncodeRange(texts, from, to, ids.AsSpan(from * sequenceLength, (to - from) * sequenceLength), lengths: null),
            cancellationToken);
        return ids;
    }

    /// <summary>
    /// The ids of many texts written straight into a new int64 tensor of shape [texts.Count,
    /// <see cref="SequenceLength"/>], encoded on every core when there are many. The tensor belongs to
    /// the caller (and to the caller's dispose scope, if one is open).
    /// </summary>
    /// <param name="texts">The texts; none may be null.</param>
    /// <param name="device">Where the tensor goes; the CPU when null.</param>
    /// <param name="cancellationToken">Stops the encoding.</param>
    public torch.Tensor EncodeToTensor(IReadOnlyList<string> texts, torch.Device? device = null, CancellationToken cancellationToken = default) =>
        EncodeToTensor(texts, device, new int[texts?.Count ?? 0], cancellationToken);

    /// <summary>As the public overload, and also writes each text's number of word ids into <paramref name="lengths"/>, so that batches can be cut short.</summary>
    internal torch.Tensor EncodeToTensor(IReadOnlyList<string> texts, torch.Device? device, int[] lengths, CancellationToken cancellationToken)
    {
        CheckTexts(texts);
        if (lengths.Length != texts.Count)
        {
            throw new ArgumentException(Invariant($"{lengths.Length} lengths for {texts.Count} texts."), nameof(lengths));
        }

        var sequenceLength = SequenceLength;
        var ids = torch.empty([texts.Count, sequenceLength], dtype: torch.ScalarType.Int64, device: torch.CPU);
        try
        {
            ParallelWork.ForRanges(
                texts.Count,
                int.MaxValue / sizeof(long) / sequenceLength, // a span over a range of rows must fit in int bytes
                (from, to) =>
                {
                    using var rows = ids.narrow(0, from, to - from);
                    EncodeRange(texts, from, to, MemoryMarshal.Cast<byte, long>(rows.bytes), lengths);
                },
                cancellationToken);

            if (device is null || device.type == DeviceType.CPU)
            {
                return ids;
            }
            var moved = ids.to(device);
            if (!ReferenceEquals(moved, ids))
            {
                ids.Dispose();
            }
            return moved;
        }
        catch
        {
            ids.Dispose();
            throw;
        }
    }

    /// <summary>The words behind <paramref name="ids"/>, space-separated, for debugging: padding is skipped, unknown words show as <c>&lt;unk&gt;</c>.</summary>
    /// <param name="ids">Ids such as a row of <see cref="EncodeBatch"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An id is outside the vocabulary; the message gives its position.</exception>
    public string Decode(ReadOnlySpan<long> ids)
    {
        var text = new StringBuilder();
        for (var i = 0; i < ids.Length; i++)
        {
            var id = ids[i];
            if (id == Vocabulary.PaddingId)
            {
                continue;
            }
            if (id < 0 || id >= Vocabulary.Count)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(ids),
                    id,
                    Invariant($"Id {id} at position {i} is outside the vocabulary (0 to {Vocabulary.Count - 1})."));
            }
            if (text.Length > 0)
            {
                text.Append(' ');
            }
            text.Append(Vocabulary.GetWord((int)id));
        }
        return text.ToString();
    }

    /// <summary>
    /// Which of <paramref name="words"/> (a text's words in order, as the tokenizer gives them) end up in its
    /// encoded sequence: the words that get an id (known ones, and unknown ones when they are mapped), the
    /// first <see cref="SequenceLength"/> of them, or the last with <see cref="TextTransformerOptions.KeepLastWords"/>;
    /// the same rules as the encoders below.
    /// </summary>
    internal bool[] EncodedWords(IReadOnlyList<TokenSpan> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var encoded = new bool[words.Count];
        var kept = 0;
        for (var step = 0; step < words.Count && kept < SequenceLength; step++)
        {
            var i = _keepLastWords ? words.Count - 1 - step : step;
            if (Vocabulary.TryGetId(words[i].Word, out _) || _mapUnknownWords)
            {
                encoded[i] = true;
                kept++;
            }
        }
        return encoded;
    }

    // Compiled fully optimized at once: a single batch may be over before tiered compilation would get to it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int EncodeInto(ReadOnlySpan<char> text, Span<long> destination) =>
        _keepLastWords ? EncodeLastWordsInto(text, destination) : EncodeFirstWordsInto(text, destination);

    private int EncodeFirstWordsInto(ReadOnlySpan<char> text, Span<long> destination)
    {
        var count = 0;
        foreach (var word in Tokenizer.EnumerateTokens(text))
        {
            // TryGetId gives UnknownId for a missing word.
            if (Vocabulary.TryGetId(word, out var id) || _mapUnknownWords)
            {
                destination[count++] = id;
                if (count == destination.Length)
                {
                    break;
                }
            }
        }
        destination[count..].Clear();
        return count;
    }

    // The destination is used as a ring, so a text of any length is read once without a buffer;
    // when the ring wrapped, rotating it puts the oldest kept word first again.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int EncodeLastWordsInto(ReadOnlySpan<char> text, Span<long> destination)
    {
        long seen = 0;
        foreach (var word in Tokenizer.EnumerateTokens(text))
        {
            if (Vocabulary.TryGetId(word, out var id) || _mapUnknownWords)
            {
                destination[(int)(seen % destination.Length)] = id;
                seen++;
            }
        }
        if (seen <= destination.Length)
        {
            destination[(int)seen..].Clear();
            return (int)seen;
        }
        var oldest = (int)(seen % destination.Length);
        destination[..oldest].Reverse();
        destination[oldest..].Reverse();
        destination.Reverse();
        return destination.Length;
    }

    /// <summary>The one loop every batch encoder runs: rows <paramref name="from"/> to <paramref name="to"/> into <paramref name="destination"/>, <see cref="SequenceLength"/> ids each.</summary>
    private void EncodeRange(IReadOnlyList<string> texts, int from, int to, Span<long> destination, int[]? lengths)
    {
        var sequenceLength = SequenceLength;
        for (var row = from; row < to; row++)
        {
            var length = EncodeInto(texts[row], destination.Slice((row - from) * sequenceLength, sequenceLength));
            if (lengths is not null)
            {
                lengths[row] = length;
            }
        }
    }

    private static void CheckTexts(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        for (var i = 0; i < texts.Count; i++)
        {
            if (texts[i] is null)
            {
                throw new ArgumentException(Invariant($"Text {i} is null."), nameof(texts));
            }
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
