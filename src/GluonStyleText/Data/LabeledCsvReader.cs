using System.Globalization;
using System.Text;
using System.Text.Unicode;
using CsvHelper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GluonStyleText.Data;

/// <summary>
/// Streams the (text, label) rows of a labeled CSV file or stream (RFC 4180, UTF-8 or UTF-16 with a byte order mark, a header naming the columns), one row at
/// a time, checking each: field count, quoting, UTF-8, non-empty text no longer than
/// <see cref="LabeledCsvOptions.MaxTextLength"/>, non-empty label known to the <see cref="LabelMap"/> when one is
/// given. Bad rows stop the read or are skipped, as <see cref="LabeledCsvOptions.OnBadRow"/> says.
/// </summary>
/// <remarks>Line numbers are physical lines of the file (the header is line 1), also after quoted multi-line fields.</remarks>
public sealed partial class LabeledCsvReader : IDisposable
{
    private const int RejectsLogged = 10;

    private readonly LabeledCsvOptions _options;
    private readonly LabelMap? _labelMap;
    private readonly ILogger _logger;
    private readonly Stream? _source;
    private CsvReader? _csv;
    private RejectsFile? _rejects;
    private CsvMalformedRecord? _lastMalformed;
    private string? _firstRejection;
    private bool _started;
    private bool _finished;
    private bool _disposed;

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
        : this(filePath, null, options, labelMap, logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
    }

    /// <summary>
    /// Creates a reader of CSV content in <paramref name="stream"/> (an upload, a blob, a file the application opened
    /// itself), read forward from its current position with the encodings and checks of a file; nothing is read before
    /// <see cref="Read"/>. The stream stays the caller's: the reader never disposes it.
    /// </summary>
    /// <param name="stream">The CSV content; it need not seek.</param>
    /// <param name="displayName">The name every error and log line gives the content in place of a file path, for example the uploaded file's name.</param>
    /// <param name="options">Columns, limits and bad-row handling; null for the defaults. A <see cref="LabeledCsvOptions.RejectsPath"/> is still a file.</param>
    /// <param name="labelMap">The fixed labels of a trained model, or null to accept every non-empty label (see the file constructor).</param>
    /// <param name="logger">Receives the first rejected rows and the summary.</param>
    /// <exception cref="ArgumentException">The options are invalid, or the stream cannot be read.</exception>
    public LabeledCsvReader(Stream stream, string displayName, LabeledCsvOptions? options = null, LabelMap? labelMap = null, ILogger? logger = null)
        : this(displayName, stream, options, labelMap, logger)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The CSV stream cannot be read.", nameof(stream));
        }
    }

    private LabeledCsvReader(string name, Stream? source, LabeledCsvOptions? options, LabelMap? labelMap, ILogger? logger)
    {
        this._options = options ?? new LabeledCsvOptions();
        this._options.Validate();
        FilePath = name;
        this._source = source;
        this._labelMap = labelMap;
        this._logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The file read, as the caller named it, or the display name of the stream read.</summary>
    public string FilePath { get; }

    /// <summary>The counts of the read so far; complete once <see cref="Read"/>'s enumeration has ended.</summary>
    public LabeledCsvSummary Summary { get; } = new();

    /// <summary>
    /// Opens the file (or starts on the stream) and returns its accepted rows as they are read. The enumeration can
    /// happen once; leaving it early leaves no rejects file.
    /// </summary>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The accepted rows, in file order.</returns>
    /// <exception cref="InvalidOperationException">Read was called before.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">The content looks like UTF-16 without a byte order mark; (while enumerating) the header lacks a column, a row is bad in
    /// <see cref="BadRowHandling.Fail"/> mode, or too many rows are bad in <see cref="BadRowHandling.Skip"/> mode.</exception>
    public IEnumerable<LabeledText> Read(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_started)
        {
            throw new InvalidOperationException("A LabeledCsvReader reads its file once; create another reader to read it again.");
        }

        _started = true;
        var input = _source is null ? CsvInput.Open(FilePath) : CsvInput.Open(_source, FilePath, leaveOpen: true);
        _csv = CsvReader.Create(input, CsvFormat.ReaderOptions(_options.MaxTextLength, record => _lastMalformed = record), leaveOpen: false);
        if (_options.OnBadRow == BadRowHandling.Skip && _options.RejectsPath is not null)
        {
            _rejects = RejectsFile.Create(_options.RejectsPath);
        }

        return ReadRows(_csv, cancellationToken);
    }

    /// <summary>Closes the file (a caller's stream stays open); the temporary rejects file of an unfinished read is deleted.</summary>
    public void Dispose()
    {
        _disposed = true;
        _csv?.Dispose();
        _rejects?.Dispose();
    }

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
                    if (Summary.RowsRead >= _options.EarlyRejectCheckRows)
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
                _rejects?.Dispose();
            }

            reader.Dispose();
        }
    }

    private Columns ReadHeader(CsvReader reader)
    {
        long line = CsvFormat.ReadHeader(reader, FilePath,
            $"a header naming the columns '{_options.TextColumn}' and '{_options.LabelColumn}'", () => _lastMalformed);
        return new Columns(
            CsvFormat.ColumnIndex(reader, FilePath, _options.TextColumn, line),
            CsvFormat.ColumnIndex(reader, FilePath, _options.LabelColumn, line),
            reader.Headers.Count);
    }

    private bool NextRecord(CsvReader reader)
    {
        try
        {
            return reader.Read();
        }
        catch (CsvFormatException e)
        {
            throw CsvFormat.RecordTooLarge(FilePath, e, reader.LineNumber);
        }
    }

    /// <summary>Checks the record as a whole: quoting, field count and UTF-8.</summary>
    private Rejection? CheckRecord(CsvReader reader, long line, Columns columns)
    {
        if (_lastMalformed is { } malformed && malformed.LineNumber == line)
        {
            return new(RejectReason.MalformedQuotes, null, $"malformed quoting: {CsvFormat.Describe(malformed.Reason)}");
        }

        if (reader.FieldCount != columns.FieldCount)
        {
            return new(RejectReason.WrongFieldCount, null,
                $"expected {columns.FieldCount} fields, as in the header, found {reader.FieldCount}");
        }

        if (CsvFormat.InvalidUtf8(reader, line) is not { } problem)
        {
            return null;
        }

        string? column = !Utf8.IsValid(reader.GetSpan(columns.TextIndex)) ? _options.TextColumn
            : !Utf8.IsValid(reader.GetSpan(columns.LabelIndex)) ? _options.LabelColumn
            : null;
        return new(RejectReason.InvalidUtf8, column, problem);
    }

    private Rejection? CheckValues(string text, string label)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new(RejectReason.EmptyText, _options.TextColumn, "the text is empty");
        }

        if (text.Length > _options.MaxTextLength)
        {
            return new(RejectReason.TextTooLong, _options.TextColumn,
                $"the text has {text.Length} characters, more than MaxTextLength ({_options.MaxTextLength})");
        }

        if (label.Length == 0)
        {
            return new(RejectReason.EmptyLabel, _options.LabelColumn, "the label is empty");
        }

        if (_labelMap is not null && !_labelMap.Contains(label))
        {
            return new(RejectReason.UnknownLabel, _options.LabelColumn, _labelMap.DescribeUnknown(label));
        }

        return null;
    }

    private void Reject(CsvReader reader, long line, Rejection rejection)
    {
        Summary.CountRejected(rejection.Reason);
        var error = new DataFormatException(FilePath, line, rejection.Column, rejection.Reason, rejection.Problem);
        if (_options.OnBadRow == BadRowHandling.Fail)
        {
            throw error;
        }

        _firstRejection ??= $"line {line}: {rejection.Problem}";
        _rejects?.Add(line, rejection.Reason, error.Message, Encoding.UTF8.GetString(reader.RawRecord));
        if (Summary.RowsRejected <= RejectsLogged)
        {
            LogRejectedRow(_logger, error.Message);
        }
    }

    private void Finish()
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        if (_rejects is not null)
        {
            Summary.RejectsPath = _rejects.Commit();
        }

        LogSummary(_logger, FilePath, Summary.ToString());
    }

    private void ThrowIfTooManyRejects(long line)
    {
        if (Summary.RowsRejected == 0 || Summary.RejectRatio <= _options.MaxRejectRatio)
        {
            return;
        }

        Finish();
        string where = Summary.RejectsPath is null ? "set RejectsPath to keep the rejected rows" : $"the rejected rows are in {Summary.RejectsPath}";
        throw new DataFormatException(FilePath, line, null, RejectReason.TooManyRejects,
            string.Create(CultureInfo.InvariantCulture,
                $"{Summary.RowsRejected} of the {Summary.RowsRead} rows read were rejected ({Summary.RejectRatio * 100:0.0}%), more than MaxRejectRatio ({_options.MaxRejectRatio * 100:0.0}%); {where}; the first: {_firstRejection}"));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected: {Rejection}")]
    private static partial void LogRejectedRow(ILogger logger, string rejection);

    [LoggerMessage(Level = LogLevel.Information, Message = "Read {FilePath}: {Summary}")]
    private static partial void LogSummary(ILogger logger, string filePath, string summary);

    private sealed record Rejection(RejectReason Reason, string? Column, string Problem);

    private readonly record struct Columns(int TextIndex, int LabelIndex, int FieldCount);
}
