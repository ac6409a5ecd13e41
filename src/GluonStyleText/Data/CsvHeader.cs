using CsvHelper;

namespace GluonStyleText.Data;

/// <summary>
/// The header of a CSV file as every reader of this library sees it (same dialect, encodings and errors), so
/// that an application can offer the columns to choose from, and reject an unusable file, before a long run.
/// </summary>
/// <param name="Columns">The column names, in order.</param>
/// <param name="HasRows">Whether at least one data row follows the header.</param>
public sealed record CsvHeader(IReadOnlyList<string> Columns, bool HasRows)
{
    /// <summary>Reads the header (and looks for a first data row) of <paramref name="filePath"/>.</summary>
    /// <param name="filePath">The CSV file: UTF-8, or UTF-16 with a byte order mark.</param>
    /// <exception cref="DataFormatException">The file is empty, or its header is malformed or not valid UTF-8; the message names file and line.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static CsvHeader Read(string filePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        using var input = CsvInput.Open(filePath);
        CsvMalformedRecord? lastMalformed = null;
        using var reader = CsvReader.Create(input, CsvFormat.ReaderOptions(int.MaxValue / 8, record => lastMalformed = record), leaveOpen: true);
        CsvFormat.ReadHeader(reader, filePath, "a header naming the columns", () => lastMalformed);
        var columns = reader.Headers.ToArray();
        bool hasRows;
        try
        {
            hasRows = reader.Read();
        }
        catch (CsvFormatException e)
        {
            throw CsvFormat.RecordTooLarge(filePath, e, reader.LineNumber);
        }

        return new CsvHeader(columns, hasRows);
    }
}
