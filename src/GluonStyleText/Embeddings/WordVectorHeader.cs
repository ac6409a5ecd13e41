using System.Globalization;
using System.Text;

namespace GluonStyleText.Embeddings;

/// <summary>
/// Reads a word-vectors file's dimension from its first line, before any training work, so that a
/// caller can size the embedding without parsing the file itself: GloVe (<c>word v1 ... vN</c>, no
/// header), fastText <c>.vec</c> and word2vec binary (a <c>count dimension</c> header), each
/// optionally gzip-compressed.
/// </summary>
public static class WordVectorHeader
{
    // A word2vec binary file is text only up to its first newline; a "line" longer than this is no header.
    private const int MaxFirstLineBytes = 1 << 20;

    /// <summary>The dimension of the vectors in <paramref name="path"/>.</summary>
    /// <param name="path">The word-vectors file.</param>
    /// <returns>The number of values per word.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="EmbeddingFormatException">The first line is neither a header nor a word followed by its values.</exception>
    public static int ReadDimension(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Word-vectors file not found: {Path.GetFullPath(path)}", path);
        }

        using var stream = WordVectorFile.OpenDecompressed(path);
        var fields = ReadFirstLine(stream).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 2 && IsInteger(fields[0]) && IsInteger(fields[1]))
        {
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }

        if (fields.Length >= 2 && fields.Skip(1).All(IsNumber))
        {
            return fields.Length - 1;
        }

        throw new EmbeddingFormatException(path, 1, "expected a 'count dimension' header or a word followed by its vector values");
    }

    private static string ReadFirstLine(Stream stream)
    {
        var bytes = new List<byte>();
        int next;
        while ((next = stream.ReadByte()) is not (-1 or '\n') && bytes.Count < MaxFirstLineBytes)
        {
            bytes.Add((byte)next);
        }

        return Encoding.UTF8.GetString([.. bytes]).TrimEnd('\r');
    }

    private static bool IsInteger(string field) => int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private static bool IsNumber(string field) => float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
