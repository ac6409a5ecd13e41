using System.Text;

namespace GluonStyleText.Data;

/// <summary>
/// Opens a CSV file as the UTF-8 bytes the CSV reader scans. Spreadsheet programs save "Unicode text" as UTF-16
/// with a byte order mark, so UTF-16 LE and BE files with a mark are transcoded while they are read; UTF-8 with
/// or without a mark passes through untouched (the reader skips a UTF-8 mark). Anything else is read as UTF-8,
/// so the reader's invalid-UTF-8 error names its file and line, except UTF-16 without a mark, which is named here
/// because it would otherwise look like a header lacking its columns.
/// </summary>
internal static class CsvInput
{
    private const int BufferSize = 1 << 16;

    /// <summary>The file's content as UTF-8; the stream's <see cref="Stream.Position"/> and <see cref="Stream.Length"/> are those of the file, for progress.</summary>
    /// <param name="filePath">The CSV file.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">The file looks like UTF-16 without a byte order mark.</exception>
    public static Stream Open(string filePath)
    {
        var file = new FileStream(filePath, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize);
        try
        {
            return Open(file, filePath, leaveOpen: false);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The content of <paramref name="input"/>, from its current position, as UTF-8. The stream's
    /// <see cref="Stream.Position"/> counts the input's bytes read; its <see cref="Stream.Length"/> is what was left
    /// of a seekable input, and 0 (unknown) for one that cannot seek.
    /// </summary>
    /// <param name="input">The CSV input.</param>
    /// <param name="name">The input's name in error messages.</param>
    /// <param name="leaveOpen">Whether <paramref name="input"/> stays open when the returned stream is disposed.</param>
    /// <exception cref="DataFormatException">The input looks like UTF-16 without a byte order mark.</exception>
    public static Stream Open(Stream input, string name, bool leaveOpen)
    {
        long length = input.CanSeek ? input.Length - input.Position : 0;
        var head = new byte[4];
        int read = input.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var encoding = DetectEncoding(head.AsSpan(0, read), name, out int markLength);
        var rest = new ConcatenatedStream(
            [ConcatenatedStream.Bytes(head.AsSpan(markLength, read - markLength)), new(input, long.MaxValue, leaveOpen)], markLength, length);
        return encoding is null ? rest : new TranscodedInputStream(rest, name, encoding);
    }

    /// <summary>
    /// The encoding that <see cref="Open(Stream, string, bool)"/> transcodes from, judged by the first (up to) four bytes
    /// of the input: UTF-16 with a byte order mark, or null for input passed through as it is.
    /// </summary>
    /// <param name="head">The input's first four bytes, or all of it when it is shorter.</param>
    /// <param name="name">The input's name in error messages.</param>
    /// <param name="markLength">The length of the UTF-16 byte order mark; 0 when the input is passed through.</param>
    /// <exception cref="DataFormatException">The input looks like UTF-16 without a byte order mark.</exception>
    public static Encoding? DetectEncoding(ReadOnlySpan<byte> head, string name, out int markLength)
    {
        markLength = 2;

        // FF FE 00 00 is UTF-32 LE's mark, which the CSV reader recognises itself.
        if (head is [0xFF, 0xFE, ..] && !head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0]))
        {
            return new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
        }

        if (head is [0xFE, 0xFF, ..])
        {
            return new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);
        }

        // A header of ASCII column names saved as UTF-16 has a zero byte in its first two bytes; UTF-8 text never does.
        if (head is [0, not 0, ..] or [not 0, 0, ..])
        {
            throw new DataFormatException(name, 1, null, RejectReason.BadHeader,
                "the file looks like UTF-16 without a byte order mark; save it as UTF-8, or as UTF-16 with a byte order mark");
        }

        markLength = 0;
        return null;
    }
}
