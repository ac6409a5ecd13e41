using System.Globalization;
using System.Text;
using System.Text.Unicode;
using CsvHelper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GluonStyleText.Data;

/// <summary>
/// Streams the (text, label) rows of a labeled CSV file (RFC 4180, UTF-8, a header naming the columns), one row at
/// a time, checking each: field count, quoting, UTF-8, non-empty text no longer than
/// <see cref="LabeledCsvOptions.MaxTextLength"/>, non-empty label known to the <see cref="LabelMap"/> when one is
/// given. Bad rows stop the read or are skipped, as <see cref="LabeledCsvOptions.OnBadRow"/> says.
/// </summary>
/// <remarks>Line numbers are physical lines of the file (the header is line 1), also after quoted multi-line fields.</remarks>
public sealed partial class LabeledCsvReader : IDisposable
{
    private const int RejectsLogged = 10;

    private readonly LabeledCsvOptions options;
    private readonly LabelMap? labelMap;
    private readonly ILogger logger;
    private CsvReader? csv;
    private RejectsFile? rejects;
    private CsvMalformedRecord? lastMalformed;
    private string? firstRejection;
    private bool started;
    private bool finished;
    private bool disposed;

    /// <summary>Creates a reader of <paramref name="filePath"/>; nothing is read before <see cref="Read"/>.</summary>
    /// <param name="filePath">The CSV file.</param>
    /// <param name="options">Columns, limits and bad-row handling; null for the defaults.</param>
    /// <param name="labelMap">
    /// The fixed labels of a trained model (evaluation, prediction): a label outside it is a bad row. Null accepts
    /// every non-empty label (training, where the map is built from the labels read).
    /// </param>
    /// <param name="logger">Receives the first rejected rows and the summary.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public LabeledCsvReader(string filePath, LabeledCsvOptions? options = null, LabelMap? labelMap = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        this.options = options ?? new LabeledCsvOptions();
        this.options.Validate();
        FilePath = filePath;
        this.labelMap = labelMap;
        this.logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The file read, as the caller named it.</summary>
    public string FilePath { get; }

    /// <summary>The counts of the read so far; complete once <see cref="Read"/>'s enumeration has ended.</summary>
    public LabeledCsvSummary Summary { get; } = new();

    /// <summary>
    /// Opens the file and returns its accepted rows as they are read. The enumeration can happen once; leaving it
    /// early leaves no rejects file.
    /// </summary>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The accepted rows, in file order.</returns>
    /// <exception cref="InvalidOperationException">Read was called before.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">(While enumerating) the header lacks a column, a row is bad in
    /// <see cref="BadRowHandling.Fail"/> mode, or too many rows are bad in <see cref="BadRowHandling.Skip"/> mode.</exception>
    public IEnumerable<LabeledText> Read(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (started)
        {
            throw new InvalidOperationException("A LabeledCsvReader reads its file once; create another reader to read it again.");
        }

        started = true;
        csv = CsvReader.FromFile(FilePath, CsvOptions());
        if (options.OnBadRow == BadRowHandling.Skip && options.RejectsPath is not null)
        {
            rejects = RejectsFile.Create(options.RejectsPath);
        }

        return ReadRows(csv, cancellationToken);
    }

    /// <summary>Closes the file; the temporary rejects file of an unfinished read is deleted.</summary>
    public void Dispose()
    {
        disposed = true;
        csv?.Dispose();
        rejects?.Dispose();
    }

    private CsvReaderOptions CsvOptions() => CsvReaderOptions.Default with
    {
        Separator = ',',
        HasHeader = true,
        Mode = CsvMode.Rfc4180,
        TrackLineNumbers = true,
        SkipEmptyLines = true,
        DetectSeparatorHint = false,
        TrimWhitespace = false,
        MalformedData = CsvMalformedDataHandling.Recover,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        OnMalformedRecord = record => lastMalformed = record,

        // Guards memory against a quote left open at the start of a large file; real rows are far smaller.
        MaxRecordSize = (int)Math.Min(int.MaxValue / 2, Math.Max(16L << 20, 4L * options.MaxTextLength)),
    };

    private IEnumerable<LabeledText> ReadRows(CsvReader reader, CancellationToken cancellationToken)
    {
        bool completed = false;
        try
        {
            var columns = ReadHeader(reader);
            while (NextRecord(reader))
            {
                cancellationToken.ThrowIfCancellationRequested();
                long line = reader.LineNumber;
                var rejection = CheckRecord(reader, line, columns);
                string text = "";
                string label = "";
                if (rejection is null)
                {
                    text = reader.GetString(columns.TextIndex);
                    label = reader.GetString(columns.LabelIndex).Trim();
                    rejection = CheckValues(text, label);
                }

                if (rejection is null)
                {
                    Summary.CountAccepted();
                    yield return new LabeledText(text, label, line);
                }
                else
                {
                    Reject(reader, line, rejection);
                    if (Summary.RowsRead >= options.EarlyRejectCheckRows)
                    {
                        ThrowIfTooManyRejects(line);
                    }
                }
            }

            completed = true;
            Finish();
            ThrowIfTooManyRejects(reader.LineNumber);
        }
        finally
        {
            if (!completed)
            {
                rejects?.Dispose();
            }

            reader.Dispose();
        }
    }

    private Columns ReadHeader(CsvReader reader)
    {
        try
        {
            reader.ReadHeader();
        }
        catch (CsvFormatException e)
        {
            throw new DataFormatException(FilePath, Math.Max(1, e.LineNumber), null, RejectReason.BadHeader, e.Message);
        }

        var headers = reader.Headers;
        long line = Math.Max(1, reader.LineNumber);
        string expected = $"a header naming the columns '{options.TextColumn}' and '{options.LabelColumn}'";
        if (headers.Count == 0)
        {
            throw new DataFormatException(FilePath, 1, null, RejectReason.BadHeader, $"the file is empty; expected {expected}");
        }

        if (lastMalformed is { } malformed && malformed.LineNumber == line)
        {
            throw new DataFormatException(FilePath, line, null, RejectReason.BadHeader,
                $"the header has malformed quoting: {Describe(malformed.Reason)}");
        }

        if (headers.Any(name => name.Contains('\uFFFD', StringComparison.Ordinal)))
        {
            throw new DataFormatException(FilePath, line, null, RejectReason.BadHeader,
                "the header is not valid UTF-8; save the file as UTF-8");
        }

        return new Columns(ColumnIndex(reader, options.TextColumn, line), ColumnIndex(reader, options.LabelColumn, line), headers.Count);
    }

    private int ColumnIndex(CsvReader reader, string column, long line)
    {
        if (!reader.TryGetFieldIndex(column, out int index))
        {
            var headers = reader.Headers;
            string hint = headers.Count == 1 && headers[0].AsSpan().IndexOfAny(";\t|") >= 0
                ? "; the file seems to use another separator than the comma"
                : "";
            throw new DataFormatException(FilePath, line, column, RejectReason.MissingColumn,
                $"the header has no column '{column}'; its columns are {string.Join(", ", headers.Select(h => $"'{h}'"))}{hint}");
        }

        if (reader.TryGetFieldIndex(column, 1, out int second))
        {
            throw new DataFormatException(FilePath, line, column, RejectReason.BadHeader,
                $"the header has more than one column '{column}' (columns {index + 1} and {second + 1})");
        }

        return index;
    }

    private bool NextRecord(CsvReader reader)
    {
        try
        {
            return reader.Read();
        }
        catch (CsvFormatException e)
        {
            throw new DataFormatException(FilePath, e.LineNumber > 0 ? e.LineNumber : reader.LineNumber, null,
                RejectReason.RecordTooLarge, $"{e.Message} A quote that is never closed makes the rest of the file one record.");
        }
    }

    /// <summary>Checks the record as a whole: quoting, field count and UTF-8.</summary>
    private Rejection? CheckRecord(CsvReader reader, long line, Columns columns)
    {
        if (lastMalformed is { } malformed && malformed.LineNumber == line)
        {
            return new(RejectReason.MalformedQuotes, null, $"malformed quoting: {Describe(malformed.Reason)}");
        }

        if (reader.FieldCount != columns.FieldCount)
        {
            return new(RejectReason.WrongFieldCount, null,
                $"expected {columns.FieldCount} fields, as in the header, found {reader.FieldCount}");
        }

        if (Utf8Position.FindInvalidByte(reader.RawRecord, line) is not { } invalid)
        {
            return null;
        }

        string? column = !Utf8.IsValid(reader.GetSpan(columns.TextIndex)) ? options.TextColumn
            : !Utf8.IsValid(reader.GetSpan(columns.LabelIndex)) ? options.LabelColumn
            : null;
        string where = invalid.Line == line
            ? $"byte {invalid.ByteInLine} of the line"
            : $"byte {invalid.ByteInLine} of line {invalid.Line}";
        return new(RejectReason.InvalidUtf8, column, $"invalid UTF-8: byte 0x{invalid.Value:X2} at {where}; save the file as UTF-8");
    }

    private Rejection? CheckValues(string text, string label)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new(RejectReason.EmptyText, options.TextColumn, "the text is empty");
        }

        if (text.Length > options.MaxTextLength)
        {
            return new(RejectReason.TextTooLong, options.TextColumn,
                $"the text has {text.Length} characters, more than MaxTextLength ({options.MaxTextLength})");
        }

        if (label.Length == 0)
        {
            return new(RejectReason.EmptyLabel, options.LabelColumn, "the label is empty");
        }

        if (labelMap is not null && !labelMap.Contains(label))
        {
            return new(RejectReason.UnknownLabel, options.LabelColumn, labelMap.DescribeUnknown(label));
        }

        return null;
    }

    private void Reject(CsvReader reader, long line, Rejection rejection)
    {
        Summary.CountRejected(rejection.Reason);
        var error = new DataFormatException(FilePath, line, rejection.Column, rejection.Reason, rejection.Problem);
        if (options.OnBadRow == BadRowHandling.Fail)
        {
            throw error;
        }

        firstRejection ??= $"line {line}: {rejection.Problem}";
        rejects?.Add(line, rejection.Reason, error.Message, Encoding.UTF8.GetString(reader.RawRecord));
        if (Summary.RowsRejected <= RejectsLogged)
        {
            LogRejectedRow(logger, error.Message);
        }
    }

    private void Finish()
    {
        if (finished)
        {
            return;
        }

        finished = true;
        if (rejects is not null)
        {
            Summary.RejectsPath = rejects.Commit();
        }

        LogSummary(logger, FilePath, Summary.ToString());
    }

    private void ThrowIfTooManyRejects(long line)
    {
        if (Summary.RowsRejected == 0 || Summary.RejectRatio <= options.MaxRejectRatio)
        {
            return;
        }

        Finish();
        string where = Summary.RejectsPath is null ? "set RejectsPath to keep the rejected rows" : $"the rejected rows are in {Summary.RejectsPath}";
        throw new DataFormatException(FilePath, line, null, RejectReason.TooManyRejects,
            string.Create(CultureInfo.InvariantCulture,
                $"{Summary.RowsRejected} of the {Summary.RowsRead} rows read were rejected ({Summary.RejectRatio * 100:0.0}%), more than MaxRejectRatio ({options.MaxRejectRatio * 100:0.0}%); {where}; the first: {firstRejection}"));
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "a quote inside an unquoted field (quote the field and double its quotes)",
        CsvMalformedReason.TextAfterClosingQuote => "text after the closing quote of a quoted field",
        CsvMalformedReason.UnterminatedQuote => "a quoted field is never closed, so it runs to the end of the file",
        _ => reason.ToString(),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected: {Rejection}")]
    private static partial void LogRejectedRow(ILogger logger, string rejection);

    [LoggerMessage(Level = LogLevel.Information, Message = "Read {FilePath}: {Summary}")]
    private static partial void LogSummary(ILogger logger, string filePath, string summary);

    private sealed record Rejection(RejectReason Reason, string? Column, string Problem);

    private readonly record struct Columns(int TextIndex, int LabelIndex, int FieldCount);
}
