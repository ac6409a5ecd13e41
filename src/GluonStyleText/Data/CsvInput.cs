using System.Text;

namespace GluonStyleText.Data;

/// <summary>
/// Opens a CSV file or stream as the UTF-8 bytes the CSV reader scans. Spreadsheet programs save "Unicode text" as
/// UTF-16 with a byte order mark, so UTF-16 LE and BE input with a mark is transcoded while it is read; UTF-8 with
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
            Span<byte> start = stackalloc byte[4];
            int read = file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
            var encoding = Detect(start[..read], filePath, out int markLength);
            file.Position = markLength;
            return encoding is null ? file : new TranscodedInputStream(file, filePath, encoding);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A caller's stream, from its current position, as UTF-8, with the encodings and errors of <see cref="Open(string)"/>.
    /// The stream returned is the reader's to dispose; disposing it leaves <paramref name="stream"/> open. Its
    /// <see cref="Stream.Position"/> and <see cref="Stream.Length"/> are those of <paramref name="stream"/> where that
    /// stream can seek.
    /// </summary>
    /// <param name="stream">The CSV content; read forward only, so it need not seek.</param>
    /// <param name="displayName">The name errors give the content, for example the uploaded file's name.</param>
    /// <exception cref="DataFormatException">The content looks like UTF-16 without a byte order mark.</exception>
    public static Stream Open(Stream stream, string displayName)
    {
        var start = new byte[4];
        int read = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        var encoding = Detect(start.AsSpan(0, read), displayName, out int markLength);
        var input = new BorrowedInputStream(stream, start.AsMemory(markLength, read - markLength));
        return encoding is null ? input : new TranscodedInputStream(input, displayName, encoding);
    }

    /// <summary>The encoding to transcode from, or null for UTF-8; <paramref name="markLength"/> is the byte order mark to skip.</summary>
    private static Encoding? Detect(ReadOnlySpan<byte> head, string name, out int markLength)
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
