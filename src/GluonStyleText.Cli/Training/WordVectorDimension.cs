using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace GluonStyleText.Cli.Training;

/// <summary>
/// Reads the dimension of a word-vectors file from its first line, before any training work: GloVe
/// (<c>word v1 ... vN</c>, no header), fastText <c>.vec</c> and word2vec binary (<c>count dimension</c>
/// header), each optionally gzip-compressed.
/// </summary>
internal static class WordVectorDimension
{
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The first line is not a header or a word with numbers.</exception>
    public static int Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Word-vectors file not found: {Path.GetFullPath(path)}", path);
        }

        using var file = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[2];
        var gzip = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        file.Position = 0;
        using var stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        var firstLine = ReadFirstLine(stream);
        var fields = firstLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 2 && IsInteger(fields[0]) && IsInteger(fields[1]))
        {
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }

        if (fields.Length >= 2 && fields.Skip(1).All(IsNumber))
        {
            return fields.Length - 1;
        }

        throw new InvalidDataException($"{path}, line 1: expected a 'count dimension' header or a word followed by its vector values.");
    }

    private static string ReadFirstLine(Stream stream)
    {
        // Bytes up to the first newline: a word2vec binary file is text only up to there.
        var bytes = new List<byte>();
        int next;
        while ((next = stream.ReadByte()) is not (-1 or '\n') && bytes.Count < 1 << 20)
        {
            bytes.Add((byte)next);
        }

        return Encoding.UTF8.GetString([.. bytes]).TrimEnd('\r');
    }

    private static bool IsInteger(string field) => int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private static bool IsNumber(string field) => float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
