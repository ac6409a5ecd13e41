using System.Globalization;
using CsvHelper;

namespace GluonStyleText.Data;

/// <summary>
/// The one CSV dialect every reader in this library accepts (labeled files for training and evaluation,
/// files to classify): RFC 4180 with a comma, a header naming the columns, UTF-8 (a byte order mark is
/// honoured), the invariant culture, physical line numbers for error messages, and bad rows reported
/// one by one (malformed quoting recovered, any field count allowed) so the caller can name the line.
/// </summary>
internal static class CsvFormat
{
    /// <summary>Reader options for files whose texts are at most <paramref name="maxTextLength"/> characters.</summary>
    /// <param name="maxTextLength">The longest text accepted; the record size limit is derived from it.</param>
    /// <param name="onMalformedRecord">Told of every record with malformed quoting, before the reader returns it.</param>
    public static CsvReaderOptions ReaderOptions(int maxTextLength, Action<CsvMalformedRecord> onMalformedRecord) => CsvReaderOptions.Default with
    {
        Separator = ',',
        HasHeader = true,
        Mode = CsvMode.Rfc4180,
        FormatProvider = CultureInfo.InvariantCulture,
        TrackLineNumbers = true,
        SkipEmptyLines = true,
        DetectSeparatorHint = false,
        TrimWhitespace = false,
        MalformedData = CsvMalformedDataHandling.Recover,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        OnMalformedRecord = onMalformedRecord,

        // Guards memory against a quote left open at the start of a large file; real rows are far smaller.
        MaxRecordSize = (int)Math.Min(int.MaxValue / 2, Math.Max(16L << 20, 4L * maxTextLength)),
    };

    /// <summary>What is wrong with a malformed record, in words that tell the user how to fix the file.</summary>
    public static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "a quote inside an unquoted field (quote the field and double its quotes)",
        CsvMalformedReason.TextAfterClosingQuote => "text after the closing quote of a quoted field",
        CsvMalformedReason.UnterminatedQuote => "a quoted field is never closed, so it runs to the end of the file",
        _ => reason.ToString(),
    };

    /// <summary>
    /// Reads and checks the header: present, well quoted, valid UTF-8. Columns are then looked up with
    /// <see cref="ColumnIndex"/>.
    /// </summary>
    /// <param name="reader">A reader positioned before the header.</param>
    /// <param name="filePath">The file, for error messages.</param>
    /// <param name="expected">What the header should hold, for the message about an empty file.</param>
    /// <param name="lastMalformed">The last malformed record the reader reported, if any.</param>
    /// <returns>The header's line.</returns>
    /// <exception cref="DataFormatException">The file is empty or its header is malformed.</exception>
    public static long ReadHeader(CsvReader reader, string filePath, string expected, Func<CsvMalformedRecord?> lastMalformed)
    {
        try
        {
            reader.ReadHeader();
        }
        catch (CsvFormatException e)
        {
            throw new DataFormatException(filePath, Math.Max(1, e.LineNumber), null, RejectReason.BadHeader, e.Message);
        }

        long line = Math.Max(1, reader.LineNumber);
        if (reader.Headers.Count == 0)
        {
            throw new DataFormatException(filePath, 1, null, RejectReason.BadHeader, $"the file is empty; expected {expected}");
        }

        if (lastMalformed() is { } malformed && malformed.LineNumber == line)
        {
            throw new DataFormatException(filePath, line, null, RejectReason.BadHeader,
                $"the header has malformed quoting: {Describe(malformed.Reason)}");
        }

        if (reader.Headers.Any(name => name.Contains('\uFFFD', StringComparison.Ordinal)))
        {
            throw new DataFormatException(filePath, line, null, RejectReason.BadHeader,
                "the header is not valid UTF-8; save the file as UTF-8");
        }

        return line;
    }

    /// <summary>The index of a column the header must name exactly once.</summary>
    /// <exception cref="DataFormatException">The header lacks the column (with a hint when another separator is likely) or names it twice.</exception>
    public static int ColumnIndex(CsvReader reader, string filePath, string column, long headerLine)
    {
        if (!reader.TryGetFieldIndex(column, out int index))
        {
            var headers = reader.Headers;
            string hint = headers.Count == 1 && headers[0].AsSpan().IndexOfAny(";\t|") >= 0
                ? "; the file seems to use another separator than the comma"
                : "";
            throw new DataFormatException(filePath, headerLine, column, RejectReason.MissingColumn,
                $"the header has no column '{column}'; its columns are {string.Join(", ", headers.Select(h => $"'{h}'"))}{hint}");
        }

        if (reader.TryGetFieldIndex(column, 1, out int second))
        {
            throw new DataFormatException(filePath, headerLine, column, RejectReason.BadHeader,
                $"the header has more than one column '{column}' (columns {index + 1} and {second + 1})");
        }

        return index;
    }

    /// <summary>Where the current record stops being UTF-8, in words; null when it is valid.</summary>
    public static string? InvalidUtf8(CsvReader reader, long line)
    {
        if (Utf8Position.FindInvalidByte(reader.RawRecord, line) is not { } invalid)
        {
            return null;
        }

        string where = invalid.Line == line
            ? $"byte {invalid.ByteInLine} of the line"
            : $"byte {invalid.ByteInLine} of line {invalid.Line}";
        return $"invalid UTF-8: byte 0x{invalid.Value:X2} at {where}; save the file as UTF-8";
    }

    /// <summary>The error for a record the reader gave up on (larger than the record size limit).</summary>
    /// <param name="filePath">The file, for the message.</param>
    /// <param name="error">The reader's error.</param>
    /// <param name="currentLine">The reader's line, for an error that names none.</param>
    /// <param name="lineOffset">Added to the reader's lines: where a shard of a file is read after the file's header, the lines the reader skips.</param>
    public static DataFormatException RecordTooLarge(string filePath, CsvFormatException error, long currentLine, long lineOffset = 0) =>
        new(filePath, (error.LineNumber > 0 ? error.LineNumber : currentLine) + lineOffset, null, RejectReason.RecordTooLarge,
            $"{error.Message} A quote that is never closed makes the rest of the file one record.");
}
