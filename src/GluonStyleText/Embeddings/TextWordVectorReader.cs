using System.Globalization;

namespace GluonStyleText.Embeddings;

/// <summary>
/// Streams GloVe text and fastText <c>.vec</c> files line by line. Lines of words outside the vocabulary are only
/// checked for their number of values; their numbers are not parsed, which keeps large files fast.
/// </summary>
internal static class TextWordVectorReader
{
    private const int ProgressInterval = 10_000;

    public static EmbeddingMatrix Read(
        TextReader reader,
        string path,
        WordVectorFormat format,
        IReadOnlyList<string> vocabularyWords,
        EmbeddingLoadOptions options,
        IProgress<long>? linesRead,
        CancellationToken cancellationToken)
    {
        var lines = new LineSource(reader, path);
        string? line = lines.Next()
            ?? throw new EmbeddingFormatException(path, 1, "the file is empty; expected word vectors");

        long? declaredCount = null;
        long headerLine = lines.Number;
        int dimension;
        bool hasHeader = format switch
        {
            WordVectorFormat.FastTextVec => true,
            WordVectorFormat.GloVeText => false,
            _ => TryParseHeader(line, out _, out _),
        };
        if (hasHeader)
        {
            if (!TryParseHeader(line, out long count, out dimension))
            {
                throw new EmbeddingFormatException(path, lines.Number,
                    $"expected a header 'count dimension' (fastText .vec), found '{Excerpt(line)}'");
            }

            declaredCount = count;
            line = lines.Next();
        }
        else
        {
            dimension = CountValuesOfFirstLine(line, path, lines.Number);
        }

        var builder = PretrainedEmbeddingLoader.CreateBuilder(path, headerLine, dimension, vocabularyWords, options);
        var vector = new float[dimension];
        long vectors = 0;
        for (; line is not null; line = lines.Next())
        {
            cancellationToken.ThrowIfCancellationRequested();
            ReadVectorLine(line, path, lines.Number, builder, vector);
            vectors++;
            if (linesRead is not null && lines.Number % ProgressInterval == 0)
            {
                linesRead.Report(lines.Number);
            }
        }

        if (declaredCount is long declared && vectors != declared)
        {
            throw new EmbeddingFormatException(path, headerLine,
                $"the header declares {declared} words, but the file has {vectors}; the file is truncated or its header is wrong");
        }

        linesRead?.Report(lines.Number);
        return builder.Build();
    }

    private static void ReadVectorLine(string line, string path, long lineNumber, EmbeddingMatrixBuilder builder, float[] vector)
    {
        ReadOnlySpan<char> text = line.AsSpan().TrimEnd();
        int space = text.IndexOf(' ');
        if (space == 0)
        {
            throw LineError(path, lineNumber, line, "the line starts with a space; expected 'word v1 v2 ...'");
        }

        ReadOnlySpan<char> values = space < 0 ? default : text[(space + 1)..];
        int count = space < 0 ? 0 : values.Count(' ') + 1;
        if (count != vector.Length)
        {
            throw LineError(path, lineNumber, line, $"expected {vector.Length} values after the word, found {count}");
        }

        string word = new(text[..space]);
        if (!builder.Wants(word))
        {
            return;
        }

        for (int i = 0; i < vector.Length; i++)
        {
            int end = values.IndexOf(' ');
            ReadOnlySpan<char> token = end < 0 ? values : values[..end];
            if (!float.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
            {
                throw LineError(path, lineNumber, line, $"value {i + 1} of '{word}' is not a finite number: '{Excerpt(new string(token))}'");
            }

            vector[i] = value;
            values = end < 0 ? default : values[(end + 1)..];
        }

        builder.Accept(word, vector);
    }

    private static int CountValuesOfFirstLine(string line, string path, long lineNumber)
    {
        ReadOnlySpan<char> text = line.AsSpan().TrimEnd();
        int space = text.IndexOf(' ');
        if (space <= 0)
        {
            throw LineError(path, lineNumber, line,
                space == 0 ? "the line starts with a space; expected 'word v1 v2 ...'" : "expected values after the word, found none");
        }

        return text[(space + 1)..].Count(' ') + 1;
    }

    /// <summary>A fastText header is exactly two positive integers: word count and dimension.</summary>
    private static bool TryParseHeader(string line, out long count, out int dimension)
    {
        count = 0;
        dimension = 0;
        ReadOnlySpan<char> text = line.AsSpan().Trim();
        int space = text.IndexOf(' ');
        return space > 0
            && long.TryParse(text[..space], NumberStyles.None, CultureInfo.InvariantCulture, out count)
            && int.TryParse(text[(space + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out dimension)
            && dimension > 0;
    }

    private static EmbeddingFormatException LineError(string path, long lineNumber, string line, string problem)
    {
        // A word2vec binary file read as text fails here; say so rather than only report a confusing count.
        bool looksBinary = line.AsSpan().IndexOfAnyInRange('\0', '\u0008') >= 0 || line.Contains('\uFFFD', StringComparison.Ordinal);
        string hint = looksBinary
            ? " (the line holds binary data: name a word2vec binary file .bin or set Format = Word2VecBinary)"
            : "";
        return new EmbeddingFormatException(path, lineNumber, problem + hint);
    }

    private static string Excerpt(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "...");

    /// <summary>Lines of the file with their physical numbers; blank lines are passed over.</summary>
    private sealed class LineSource(TextReader reader, string path)
    {
        public long Number { get; private set; }

        public string? Next()
        {
            while (true)
            {
                string? line;
                try
                {
                    line = reader.ReadLine();
                }
                catch (InvalidDataException e)
                {
                    throw new EmbeddingFormatException(path, Number + 1, $"the compressed data is damaged: {e.Message}");
                }

                if (line is null)
                {
                    return null;
                }

                Number++;
                if (!string.IsNullOrWhiteSpace(line))
                {
                    return line;
                }
            }
        }
    }
}
