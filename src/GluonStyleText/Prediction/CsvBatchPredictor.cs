using System.Diagnostics;
using System.Globalization;
using CsvHelper;
using GluonStyleText.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GluonStyleText.Prediction;

/// <summary>
/// Classifies a CSV file into a new CSV file, streaming: every input column is kept and the
/// prediction, its probability (optionally the next most probable labels, every class's probability
/// and a needs-review flag) and an error column are added. Memory is
/// bounded by the batch size whatever the file size; every input row appears in the output, in
/// order (a row that cannot be classified gets an error instead of vanishing); the output is
/// written under a temporary name and renamed only when complete.
/// </summary>
public sealed partial class CsvBatchPredictor
{
    private readonly TextClassifier _classifier;
    private readonly CsvPredictionOptions _options;
    private readonly ILogger _logger;
    private readonly string[] _addedColumns;
    private readonly int _topK;

    /// <summary>Creates a predictor that uses <paramref name="classifier"/> (not owned).</summary>
    /// <exception cref="ArgumentException">An option is invalid, or two added columns would have the same name.</exception>
    public CsvBatchPredictor(TextClassifier classifier, CsvPredictionOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        _classifier = classifier;
        _options = options ?? new CsvPredictionOptions();
        _options.Validate();
        _logger = logger ?? NullLogger.Instance;
        _topK = Math.Min(_options.TopK, classifier.Labels.Count);
        _addedColumns = AddedColumns(_options, classifier.Labels, _topK);
    }

    /// <summary>Classifies <paramref name="inputPath"/> into <paramref name="outputPath"/>.</summary>
    /// <exception cref="DataFormatException">The input has no header or lacks the text column, or an output column name is taken.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; no output file is left behind.</exception>
    public async Task<CsvPredictionSummary> PredictFileAsync(
        string inputPath,
        string outputPath,
        IProgress<CsvPredictionProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(inputPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        var output = Path.GetFullPath(outputPath);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var summary = await AtomicFile.WriteAsync(output, temporary => PredictIntoAsync(inputPath, temporary, output, progress, cancellationToken)).ConfigureAwait(false);
        LogDone(_logger, summary.RowsRead, summary.RowsPredicted, summary.RowsRejected, output, summary.Elapsed.TotalSeconds);
        return summary;
    }

    private async Task<CsvPredictionSummary> PredictIntoAsync(
        string inputPath,
        string temporaryPath,
        string outputPath,
        IProgress<CsvPredictionProgress>? progress,
        CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var input = CsvInput.Open(inputPath);
        await using var inputOwner = input.ConfigureAwait(false);
        CsvMalformedRecord? lastMalformed = null;
        using var reader = CsvReader.Create(input, CsvFormat.ReaderOptions(_options.MaxTextLength, record => lastMalformed = record), leaveOpen: true);
        var columns = ReadHeader(reader, inputPath, () => lastMalformed);

        var writer = CsvWriter.Create(new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16), WriterOptions(_options), leaveOpen: false);
        await using var writerOwner = writer.ConfigureAwait(false);
        foreach (var name in columns.OutputHeader)
        {
            writer.WriteField(name);
        }

        await writer.EndRecordAsync(cancellationToken).ConfigureAwait(false);

        long read = 0, predicted = 0, rejected = 0;
        // Rows are classified a sort window at a time, so that the classifier can group texts of similar
        // length into its batches (a window of one batch would mix every length); progress and
        // cancellation still come per batch of rows written.
        var window = new List<CsvRow>(_options.BatchSize * TextClassifier.BatchesPerSortWindow);
        void BatchWritten(long rowsWritten)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new CsvPredictionProgress(read + rowsWritten, input.Position, input.Length, (read + rowsWritten) / Math.Max(1e-9, stopwatch.Elapsed.TotalSeconds)));
        }

        async Task FlushWindowAsync()
        {
            (var ok, var bad) = await WriteWindowAsync(writer, window, columns, BatchWritten, cancellationToken).ConfigureAwait(false);
            read += window.Count;
            predicted += ok;
            rejected += bad;
            window.Clear();
        }

        while (NextRecord(reader, inputPath))
        {
            cancellationToken.ThrowIfCancellationRequested();
            window.Add(ReadRow(reader, columns, lastMalformed));
            if (window.Count == window.Capacity)
            {
                await FlushWindowAsync().ConfigureAwait(false);
            }
        }

        if (window.Count > 0)
        {
            await FlushWindowAsync().ConfigureAwait(false);
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        progress?.Report(new CsvPredictionProgress(read, input.Length, input.Length, read / Math.Max(1e-9, stopwatch.Elapsed.TotalSeconds)));
        return new CsvPredictionSummary(inputPath, outputPath, read, predicted, rejected, _classifier.Bundle.ModelHash, stopwatch.Elapsed);
    }

    private static bool NextRecord(CsvReader reader, string inputPath)
    {
        try
        {
            return reader.Read();
        }
        catch (CsvFormatException e)
        {
            throw CsvFormat.RecordTooLarge(inputPath, e, reader.LineNumber);
        }
    }

    private CsvColumns ReadHeader(CsvReader reader, string inputPath, Func<CsvMalformedRecord?> lastMalformed)
    {
        var line = CsvFormat.ReadHeader(reader, inputPath, $"a header with the column '{_options.TextColumn}'", lastMalformed);
        var headers = reader.Headers.ToArray();
        var textIndex = CsvFormat.ColumnIndex(reader, inputPath, _options.TextColumn, line);

        foreach (var name in _addedColumns.Where(headers.Contains))
        {
            throw new DataFormatException(inputPath, line, name, RejectReason.BadHeader,
                $"the input already has a column '{name}'; choose another name for the added column in {nameof(CsvPredictionOptions)}");
        }

        return new CsvColumns(headers.Length, textIndex, [.. headers, .. _addedColumns]);
    }

    // Excel: see CsvPredictionOptions.Excel for why the byte order mark and the escaped formulas.
    private static CsvWriterOptions? WriterOptions(CsvPredictionOptions options) => options.Excel
        ? new CsvWriterOptions { WriteByteOrderMark = true, Injection = CsvInjection.Escape, InjectionEscape = '\'' }
        : null;

    /// <summary>The columns added after the input's, in order.</summary>
    /// <exception cref="ArgumentException">Two of them would have the same name.</exception>
    private static string[] AddedColumns(CsvPredictionOptions options, IReadOnlyList<string> labels, int topK)
    {
        var added = new List<string> { options.PredictionColumn, options.ProbabilityColumn };
        for (var rank = 2; rank <= topK; rank++)
        {
            added.Add(string.Create(CultureInfo.InvariantCulture, $"label_{rank}"));
            added.Add(string.Create(CultureInfo.InvariantCulture, $"{options.ProbabilityColumn}_{rank}"));
        }

        if (options.IncludeClassProbabilities)
        {
            added.AddRange(labels.Select(label => $"{options.ProbabilityColumn}_{label}"));
        }

        if (options.ReviewBelow is not null)
        {
            added.Add(options.ReviewColumn);
        }

        added.Add(options.ErrorColumn);
        var twice = added.GroupBy(name => name, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        return twice is null
            ? [.. added]
            : throw new ArgumentException($"The output would have two columns named '{twice.Key}'; give the prediction, probability and error columns distinct names.", nameof(options));
    }

    private CsvRow ReadRow(CsvReader reader, CsvColumns columns, CsvMalformedRecord? lastMalformed)
    {
        // Keep the row as it came, padded to the header's width so the output stays rectangular.
        var fields = new string[columns.InputCount];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = i < reader.FieldCount ? reader.GetString(i) : "";
        }

        var line = reader.LineNumber;
        var problem = RowProblem(reader, columns, fields[columns.TextIndex], line, lastMalformed);
        return new CsvRow(fields, problem is null ? null : $"line {line}: {problem}");
    }

    private string? RowProblem(CsvReader reader, CsvColumns columns, string text, long line, CsvMalformedRecord? lastMalformed)
    {
        if (lastMalformed is { } malformed && malformed.LineNumber == line)
        {
            return $"malformed quoting: {CsvFormat.Describe(malformed.Reason)}";
        }

        if (reader.FieldCount != columns.InputCount)
        {
            return $"expected {columns.InputCount} fields, as in the header, found {reader.FieldCount}";
        }

        if (CsvFormat.InvalidUtf8(reader, line) is { } invalid)
        {
            return invalid;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return "the text is empty";
        }

        return text.Length > _options.MaxTextLength
            ? string.Create(CultureInfo.InvariantCulture, $"the text has {text.Length:N0} characters, more than the maximum of {_options.MaxTextLength:N0}")
            : null;
    }

    private async Task<(int Predicted, int Rejected)> WriteWindowAsync(CsvWriter writer, List<CsvRow> batch, CsvColumns columns, Action<long> batchWritten, CancellationToken cancellationToken)
    {
        var texts = batch.Where(row => row.Error is null).Select(row => row.Fields[columns.TextIndex]).ToList();
        var probabilities = _classifier.PredictProbabilities(texts, _options.BatchSize, cancellationToken);
        var classes = _classifier.Labels.Count;
        var ranked = new int[_topK];
        var next = 0;
        long written = 0;
        foreach (var row in batch)
        {
            foreach (var field in row.Fields)
            {
                writer.WriteField(field);
            }

            if (row.Error is null)
            {
                var rowProbabilities = probabilities.AsSpan(next * classes, classes);
                next++;
                Rank(rowProbabilities, ranked);
                var best = ranked[0];
                writer.WriteField(_classifier.Labels[best]);
                writer.WriteField(Format(rowProbabilities[best]));
                for (var rank = 1; rank < _topK; rank++)
                {
                    writer.WriteField(_classifier.Labels[ranked[rank]]);
                    writer.WriteField(Format(rowProbabilities[ranked[rank]]));
                }

                if (_options.IncludeClassProbabilities)
                {
                    foreach (var p in rowProbabilities)
                    {
                        writer.WriteField(Format(p));
                    }
                }

                if (_options.ReviewBelow is { } threshold)
                {
                    writer.WriteField(rowProbabilities[best] < threshold ? "true" : "false");
                }

                writer.WriteField("");
            }
            else
            {
                var empty = (2 * _topK) + (_options.IncludeClassProbabilities ? classes : 0);
                for (var i = 0; i < empty; i++)
                {
                    writer.WriteField("");
                }

                if (_options.ReviewBelow is not null)
                {
                    // A row without a prediction is one a person has to look at.
                    writer.WriteField("true");
                }

                writer.WriteField(row.Error);
            }

            await writer.EndRecordAsync(cancellationToken).ConfigureAwait(false);
            if (++written % _options.BatchSize == 0)
            {
                batchWritten(written);
            }
        }

        return (texts.Count, batch.Count - texts.Count);
    }

    /// <summary>
    /// The <c>ranked.Length</c> most probable class ids, most probable first, ties in class-id order (as
    /// <see cref="Prediction.TopK"/>): one pass keeping a short sorted list, as K is small and labels may be many.
    /// </summary>
    private static void Rank(ReadOnlySpan<float> probabilities, int[] ranked)
    {
        var filled = 0;
        for (var c = 0; c < probabilities.Length; c++)
        {
            if (filled == ranked.Length && probabilities[c] <= probabilities[ranked[filled - 1]])
            {
                continue;
            }

            var j = Math.Min(filled, ranked.Length - 1);
            while (j > 0 && probabilities[ranked[j - 1]] < probabilities[c])
            {
                ranked[j] = ranked[j - 1];
                j--;
            }

            ranked[j] = c;
            filled = Math.Min(filled + 1, ranked.Length);
        }
    }

    private static string Format(float probability) => probability.ToString("0.######", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Classified {Rows} rows ({Predicted} predicted, {Rejected} with errors) into {Output} in {Seconds:F1} s")]
    private static partial void LogDone(ILogger logger, long rows, long predicted, long rejected, string output, double seconds);

    private sealed record CsvColumns(int InputCount, int TextIndex, string[] OutputHeader);

    private sealed record CsvRow(string[] Fields, string? Error);
}
