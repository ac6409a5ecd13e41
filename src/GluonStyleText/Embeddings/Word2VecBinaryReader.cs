using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace GluonStyleText.Embeddings;

/// <summary>
/// Streams word2vec binary files: a text header <c>count dimension</c>, then per word its UTF-8 bytes, a space and
/// <c>dimension</c> little-endian float32 values, often followed by a newline.
/// </summary>
internal static class Word2VecBinaryReader
{
    private const int ProgressInterval = 10_000;
    private const int MaxHeaderBytes = 100;

    /// <summary>Far longer than any real token; a longer "word" means the file is not what the header says.</summary>
    private const int MaxWordBytes = 10_000;

    public static EmbeddingMatrix Read(
        Stream stream,
        string path,
        IReadOnlyList<string> vocabularyWords,
        EmbeddingLoadOptions options,
        IProgress<long>? linesRead,
        CancellationToken cancellationToken)
    {
        var input = new CountingReader(stream, path);
        long wordNumber = 0;
        try
        {
            return ReadWords(input, path, vocabularyWords, options, linesRead, ref wordNumber, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            string problem = $"the compressed data is damaged: {e.Message}";
            throw wordNumber == 0
                ? new EmbeddingFormatException(path, 1, problem)
                : EmbeddingFormatException.AtBinaryWord(path, wordNumber, input.Offset, problem);
        }
    }

    private static EmbeddingMatrix ReadWords(
        CountingReader input,
        string path,
        IReadOnlyList<string> vocabularyWords,
        EmbeddingLoadOptions options,
        IProgress<long>? linesRead,
        ref long wordNumber,
        CancellationToken cancellationToken)
    {
        string header = input.ReadHeader();
        if (!TryParseHeader(header, out long count, out int dimension))
        {
            string shown = header.Length <= 40 ? header : header[..40] + "...";
            throw new EmbeddingFormatException(path, 1, $"expected a header 'count dimension' (word2vec binary), found '{shown}'");
        }

        var builder = PretrainedEmbeddingLoader.CreateBuilder(path, 1, dimension, vocabularyWords, options);
        var vectorBytes = new byte[dimension * sizeof(float)];
        var vector = new float[dimension];
        for (wordNumber = 1; wordNumber <= count; wordNumber++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? word = input.ReadWord(wordNumber, out long wordOffset);
            if (word is null)
            {
                throw EmbeddingFormatException.AtBinaryWord(path, wordNumber, input.Offset,
                    $"the file ends after {wordNumber - 1} of the {count} words its header declares; it is truncated");
            }

            int read = input.ReadVector(vectorBytes);
            if (read < vectorBytes.Length)
            {
                throw EmbeddingFormatException.AtBinaryWord(path, wordNumber, wordOffset,
                    $"the file ends inside the vector of '{word}' ({read} of {vectorBytes.Length} bytes); it is truncated");
            }

            if (builder.Wants(word))
            {
                for (int i = 0; i < dimension; i++)
                {
                    vector[i] = BinaryPrimitives.ReadSingleLittleEndian(vectorBytes.AsSpan(i * sizeof(float)));
                    if (!float.IsFinite(vector[i]))
                    {
                        throw EmbeddingFormatException.AtBinaryWord(path, wordNumber, wordOffset,
                            $"value {i + 1} of '{word}' is not a finite number ({vector[i].ToString(CultureInfo.InvariantCulture)})");
                    }
                }

                builder.Accept(word, vector);
            }

            if (linesRead is not null && wordNumber % ProgressInterval == 0)
            {
                linesRead.Report(wordNumber + 1);
            }
        }

        linesRead?.Report(count + 1);
        return builder.Build();
    }

    private static bool TryParseHeader(string header, out long count, out int dimension)
    {
        count = 0;
        dimension = 0;
        var parts = header.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out count)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out dimension)
            && dimension > 0
            && dimension <= int.MaxValue / sizeof(float);
    }

    /// <summary>Reads the parts of the file and keeps the byte offset for error messages.</summary>
    private sealed class CountingReader(Stream stream, string path)
    {
        private byte[] _wordBytes = new byte[64];

        public long Offset { get; private set; }

        public string ReadHeader()
        {
            var header = new StringBuilder();
            while (true)
            {
                int b = ReadByte();
                if (b < 0 || b == '\n')
                {
                    if (b < 0 && header.Length == 0)
                    {
                        throw new EmbeddingFormatException(path, 1, "the file is empty; expected word vectors");
                    }

                    return header.ToString().TrimEnd('\r');
                }

                if (header.Length == MaxHeaderBytes)
                {
                    throw new EmbeddingFormatException(path, 1,
                        $"expected a header 'count dimension' (word2vec binary), found no line break in the first {MaxHeaderBytes} bytes");
                }

                header.Append(b is >= 0x20 and < 0x7f ? (char)b : '?');
            }
        }

        /// <summary>The next word, or null at the end of the file. Newlines around words are skipped, as word2vec does.</summary>
        public string? ReadWord(long wordNumber, out long start)
        {
            start = Offset;
            int length = 0;
            while (true)
            {
                int b = ReadByte();
                if (b < 0)
                {
                    if (length == 0)
                    {
                        return null;
                    }

                    throw EmbeddingFormatException.AtBinaryWord(path, wordNumber, start, "the file ends inside the word; it is truncated");
                }

                if (b == ' ')
                {
                    return Encoding.UTF8.GetString(_wordBytes, 0, length);
                }

                if (b == '\n')
                {
                    start += length == 0 ? 1 : 0;
                    continue;
                }

                if (length == MaxWordBytes)
                {
                    throw EmbeddingFormatException.AtBinaryWord(path, wordNumber, start,
                        $"no space after {MaxWordBytes} bytes of word; the header's dimension is wrong or the file is not word2vec binary");
                }

                if (length == _wordBytes.Length)
                {
                    Array.Resize(ref _wordBytes, length * 2);
                }

                _wordBytes[length++] = (byte)b;
            }
        }

        public int ReadVector(byte[] buffer)
        {
            int read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            Offset += read;
            return read;
        }

        private int ReadByte()
        {
            int b = stream.ReadByte();
            if (b >= 0)
            {
                Offset++;
            }

            return b;
        }
    }
}
