using System.Buffers;
using System.Text;

namespace GluonStyleText.Data;

/// <summary>Finds where a record's bytes stop being UTF-8, as a physical line and a byte within it.</summary>
internal static class Utf8Position
{
    /// <summary>
    /// The first invalid byte of <paramref name="record"/>, or null when it is valid UTF-8.
    /// </summary>
    /// <param name="record">The raw bytes of a record, which starts at the beginning of line <paramref name="firstLine"/>.</param>
    /// <param name="firstLine">The physical line where the record starts.</param>
    /// <returns>The invalid byte, its physical line and its 1-based byte position within that line.</returns>
    public static (byte Value, long Line, int ByteInLine)? FindInvalidByte(ReadOnlySpan<byte> record, long firstLine)
    {
        if (System.Text.Unicode.Utf8.IsValid(record))
        {
            return null;
        }

        int index = 0;
        while (Rune.DecodeFromUtf8(record[index..], out _, out int consumed) == OperationStatus.Done)
        {
            index += consumed;
        }

        long line = firstLine;
        int lineStart = 0;
        for (int i = 0; i < index; i++)
        {
            // CR, LF and CRLF each end a line, as the CSV reader counts them.
            bool lineBreak = record[i] == '\n' || (record[i] == '\r' && (i + 1 >= record.Length || record[i + 1] != '\n'));
            if (lineBreak)
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (record[index], line, index - lineStart + 1);
    }
}
