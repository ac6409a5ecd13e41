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
/// written under a temporary name and renamed only when complete. It also reads from and writes to
/// streams, and classifies one shard of a <see cref="CsvShardPlan"/> so that the shards' outputs
/// concatenate to the whole file's (docs/csv-shards.md).
/// </summary>
public sealed partial class CsvBatchPredictor
{
    /// <summary>The whole input, as one part.</summary>
    private static readonly ShardPart WholeInput = new(First: true, LineOffset: 0);

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
    /// <exception cref="ArgumentException">The output path is the input's.</exception>
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
        // The output replaces its path when complete: the same path as the input would replace the texts classified.
        if (string.Equals(Path.GetFullPath(inputPath), output, OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"The output '{outputPath}' is the input file; give the predictions another name, or they would replace the texts being classified.", nameof(outputPath));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var summary = await AtomicFile.WriteAsync(output, async temporary =>
        {
            var input = CsvInput.Open(inputPath);
            await using var inputOwner = input.ConfigureAwait(false);
            var file = OutputFile(temporary);
            await using var fileOwner = file.ConfigureAwait(false);
            return await PredictCoreAsync(input, file, inputPath, output, WholeInput, progress, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        LogDone(_logger, summary.RowsRead, summary.RowsPredicted, summary.RowsRejected, output, summary.Elapsed.TotalSeconds);
        return summary;
    }

    /// <summary>
    /// Classifies CSV input from a stream into a stream, for callers without files (an upload endpoint): the same
    /// output as <see cref="PredictFileAsync"/> would write. The caller owns both streams; neither is disposed.
    /// </summary>
    /// <param name="input">The CSV input, read from its current position to its end: UTF-8, or UTF-16 with a byte order mark. It need not be seekable; progress has <see cref="CsvPredictionProgress.TotalBytes"/> 0 when it is not.</param>
    /// <param name="output">Where the results are written. On an exception it holds part of them, to be discarded.</param>
    /// <param name="inputName">The input's name in error messages and the summary, such as the uploaded file's name.</param>
    /// <param name="progress">Told after every batch of rows.</param>
    /// <param name="cancellationToken">Checked after every batch of rows.</param>
    /// <returns>The summary; its <see cref="CsvPredictionSummary.OutputPath"/> is empty.</returns>
    /// <exception cref="DataFormatException">The input has no header or lacks the text column, or an output column name is taken.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public async Task<CsvPredictionSummary> PredictAsync(
        Stream input,
        Stream output,
        string inputName,
        IProgress<CsvPredictionProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentException.ThrowIfNullOrWhiteSpace(inputName);
        var utf8 = CsvInput.Open(input, inputName, leaveOpen: true);
        await using var inputOwner = utf8.ConfigureAwait(false);
        var summary = await PredictCoreAsync(utf8, output, inputName, "", WholeInput, progress, cancellationToken).ConfigureAwait(false);
        LogDone(_logger, summary.RowsRead, summary.RowsPredicted, summary.RowsRejected, "a stream", summary.Elapsed.TotalSeconds);
        return summary;
    }

    /// <summary>
    /// Classifies shard <paramref name="shardIndex"/> of <paramref name="plan"/> (made of <paramref name="inputPath"/>)
    /// into <paramref name="outputPath"/>, written whole or not at all. It reads the file's header and the shard's
    /// bytes only, and writes the output of the shard's rows exactly as a whole-file run writes them, line numbers in
    /// errors included; only the first shard's output starts with the header row (and, with
    /// <see cref="CsvPredictionOptions.Excel"/>, the byte order mark). So the outputs of shards 0 to N - 1,
    /// concatenated in order, are byte for byte the output of <see cref="PredictFileAsync"/> on the whole file.
    /// </summary>
    /// <param name="inputPath">The CSV file the plan was made of.</param>
    /// <param name="plan">The file's plan, made with a row alignment that is a multiple of <see cref="CsvPredictionOptions.ShardRowAlignment"/>.</param>
    /// <param name="shardIndex">The shard to classify, from 0.</param>
    /// <param name="outputPath">The output file for this shard.</param>
    /// <param name="progress">Told after every batch of rows; bytes count the header and the shard.</param>
    /// <param name="cancellationToken">Checked after every batch of rows.</param>
    /// <returns>The summary of the shard's rows, for a manifest of the whole run.</returns>
    /// <exception cref="ArgumentException">The plan is not valid, or the shard does not begin at a multiple of <see cref="CsvPredictionOptions.ShardRowAlignment"/> rows.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shardIndex"/> is not a shard of the plan.</exception>
    /// <exception cref="DataFormatException">The header lacks the text column, an output column name is taken, or a record is too large.</exception>
    /// <exception cref="InvalidDataException">The file is not the one planned: another length, or the shard holds another number of rows than planned.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; no output file is left behind.</exception>
    public async Task<CsvPredictionSummary> PredictShardAsync(
        string inputPath,
        CsvShardPlan plan,
        int shardIndex,
        string outputPath,
        IProgress<CsvPredictionProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(inputPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        var shard = ShardOf(plan, shardIndex);
        var output = Path.GetFullPath(outputPath);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var summary = await AtomicFile.WriteAsync(output, async temporary =>
        {
            var header = new FileStream(inputPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            await using var headerOwner = header.ConfigureAwait(false);
            if (header.Length != plan.FileLength)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"{inputPath} has {header.Length:N0} bytes, but the shard plan is of a file of {plan.FileLength:N0} bytes; plan the file again."));
            }

            header.Position = plan.HeaderStart;
            var rows = new FileStream(inputPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16) { Position = shard.Start };
            await using var rowsOwner = rows.ConfigureAwait(false);
            var file = OutputFile(temporary);
            await using var fileOwner = file.ConfigureAwait(false);
            return await PredictShardCoreAsync(header, rows, plan, shardIndex, file, inputPath, output, progress, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        LogShardDone(_logger, shardIndex, plan.Shards.Count, summary.RowsRead, summary.RowsPredicted, summary.RowsRejected, output, summary.Elapsed.TotalSeconds);
        return summary;
    }

    /// <summary>
    /// As <see cref="PredictShardAsync(string, CsvShardPlan, int, string, IProgress{CsvPredictionProgress}?, CancellationToken)"/>,
    /// from streams of the header's and the shard's bytes (ranged reads of an object store) into a stream. The caller owns the three streams; none is disposed.
    /// </summary>
    /// <param name="header">The bytes from <see cref="CsvShardPlan.HeaderStart"/> to <see cref="CsvShardPlan.HeaderEnd"/> of the file (more are not read).</param>
    /// <param name="shard">The bytes of the shard, from its <see cref="CsvShard.Start"/> to its <see cref="CsvShard.End"/> (more are not read).</param>
    /// <param name="plan">The file's plan, made with a row alignment that is a multiple of <see cref="CsvPredictionOptions.ShardRowAlignment"/>.</param>
    /// <param name="shardIndex">The shard to classify, from 0.</param>
    /// <param name="output">Where the shard's results are written. On an exception it holds part of them, to be discarded.</param>
    /// <param name="inputName">The file's name in error messages and the summary.</param>
    /// <param name="progress">Told after every batch of rows; bytes count the header and the shard.</param>
    /// <param name="cancellationToken">Checked after every batch of rows.</param>
    /// <returns>The summary of the shard's rows; its <see cref="CsvPredictionSummary.OutputPath"/> is empty.</returns>
    /// <exception cref="ArgumentException">The plan is not valid, or the shard does not begin at a multiple of <see cref="CsvPredictionOptions.ShardRowAlignment"/> rows.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shardIndex"/> is not a shard of the plan.</exception>
    /// <exception cref="DataFormatException">The header lacks the text column, an output column name is taken, or a record is too large.</exception>
    /// <exception cref="EndOfStreamException"><paramref name="header"/> or <paramref name="shard"/> ended before its range did.</exception>
    /// <exception cref="InvalidDataException">The shard holds another number of rows than planned: the file is not the one planned.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public async Task<CsvPredictionSummary> PredictShardAsync(
        Stream header,
        Stream shard,
        CsvShardPlan plan,
        int shardIndex,
        Stream output,
        string inputName,
        IProgress<CsvPredictionProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(shard);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentException.ThrowIfNullOrWhiteSpace(inputName);
        ShardOf(plan, shardIndex);
        var summary = await PredictShardCoreAsync(header, shard, plan, shardIndex, output, inputName, "", progress, cancellationToken).ConfigureAwait(false);
        LogShardDone(_logger, shardIndex, plan.Shards.Count, summary.RowsRead, summary.RowsPredicted, summary.RowsRejected, "a stream", summary.Elapsed.TotalSeconds);
        return summary;
    }

    private static FileStream OutputFile(string path) => new(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);

    /// <summary>The shard, once the plan and the shard are known to be usable by this predictor.</summary>
    private CsvShard ShardOf(CsvShardPlan plan, int shardIndex)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.FindProblem() is { } problem)
        {
            throw new ArgumentException($"The shard plan is not valid: {problem}.", nameof(plan));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(shardIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shardIndex, plan.Shards.Count);
        var shard = plan.Shards[shardIndex];

        // A row's probabilities depend, in their last digits, on the rows it is classified with: a shard must
        // begin where a whole-file run begins a sort window, or its printed probabilities could differ.
        var alignment = _options.ShardRowAlignment;
        return (shard.FirstRow - 1) % alignment == 0
            ? shard
            : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Shard {shardIndex} begins at row {shard.FirstRow:N0}, which is not one more than a multiple of {alignment:N0}, the rows this predictor classifies together ({nameof(CsvPredictionOptions.ShardRowAlignment)}: {nameof(CsvPredictionOptions.BatchSize)} {_options.BatchSize} x {TextClassifier.BatchesPerSortWindow}); plan the file with rowAlignment {alignment}, or a multiple of it."),
                nameof(plan));
    }

    private async Task<CsvPredictionSummary> PredictShardCoreAsync(
        Stream header,
        Stream rows,
        CsvShardPlan plan,
        int shardIndex,
        Stream output,
        string inputName,
        string outputName,
        IProgress<CsvPredictionProgress>? progress,
        CancellationToken cancellationToken)
    {
        var shard = plan.Shards[shardIndex];
        long headerLength = plan.HeaderEnd - plan.HeaderStart;

        // The reader sees what it sees at the start of the whole file: the byte order mark, the header, then the
        // shard's rows. Its lines are then those of the whole file less the lines of the shards before.
        var joined = new ConcatenatedStream(
            [ConcatenatedStream.Bytes(plan.HeaderStart > 0 ? Utf8ByteOrderMark : []), new(header, headerLength, LeaveOpen: true), new(rows, shard.Length, LeaveOpen: true)],
            0,
            plan.HeaderStart + headerLength + shard.Length);
        var input = plan.Encoding == CsvShardPlan.Utf8 ? joined : CsvInput.Open(joined, inputName, leaveOpen: true);
        await using var inputOwner = input.ConfigureAwait(false);
        var part = new ShardPart(shardIndex == 0, shard.FirstLine - plan.Shards[0].FirstLine);
        var summary = await PredictCoreAsync(input, output, inputName, outputName, part, progress, cancellationToken).ConfigureAwait(false);

        foreach (var (index, expected, what) in new[] { (1, headerLength, "header"), (2, shard.Length, $"shard {shardIndex}") })
        {
            if (joined.BytesReadFrom(index) < expected)
            {
                throw new EndOfStreamException(string.Create(CultureInfo.InvariantCulture,
                    $"{inputName}: the {what}'s stream ended after {joined.BytesReadFrom(index):N0} of its {expected:N0} bytes."));
            }
        }

        return shard.Rows is { } planned && planned != summary.RowsRead
            ? throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{inputName}: shard {shardIndex} holds {summary.RowsRead:N0} rows, but its plan counted {planned:N0}; the file is not the one planned, plan it again."))
            : summary;
    }

    private async Task<CsvPredictionSummary> PredictCoreAsync(
        Stream input,
        Stream output,
        string inputName,
        string outputName,
        ShardPart part,
        IProgress<CsvPredictionProgress>? progress,
        CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        CsvMalformedRecord? lastMalformed = null;
        using var reader = CsvReader.Create(input, CsvFormat.ReaderOptions(_options.MaxTextLength, record => lastMalformed = record), leaveOpen: true);
        var columns = ReadHeader(reader, inputName, () => lastMalformed);

        var writer = CsvWriter.Create(output, WriterOptions(_options, part.First), leaveOpen: true);
        await using var writerOwner = writer.ConfigureAwait(false);
        if (part.First)
        {
            foreach (var name in columns.OutputHeader)
            {
                writer.WriteField(Cell(name));
            }

            await writer.EndRecordAsync(cancellationToken).ConfigureAwait(false);
        }

        long read = 0, predicted = 0, rejected = 0, nonFinite = 0;
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
            (var ok, var bad, var notFinite) = await WriteWindowAsync(writer, window, columns, BatchWritten, cancellationToken).ConfigureAwait(false);
            read += window.Count;
            predicted += ok;
            rejected += bad;
            nonFinite += notFinite;
            window.Clear();
        }

        while (NextRecord(reader, inputName, part.LineOffset))
        {
            cancellationToken.ThrowIfCancellationRequested();
            window.Add(ReadRow(reader, columns, lastMalformed, part.LineOffset));
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
        return new CsvPredictionSummary(inputName, outputName, read, predicted, rejected, _classifier.Bundle.ModelHash, stopwatch.Elapsed)
        {
            RowsWithNonFiniteOutput = nonFinite,
        };
    }

    private static bool NextRecord(CsvReader reader, string inputPath, long lineOffset)
    {
        try
        {
            return reader.Read();
        }
        catch (CsvFormatException e)
        {
            throw CsvFormat.RecordTooLarge(inputPath, e, reader.LineNumber, lineOffset);
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

    // Excel: see CsvPredictionOptions.Excel for why the byte order mark and the escaped formulas (Cell). The mark
    // starts the whole output only: a later shard's output goes after the first shard's.
    private static CsvWriterOptions? WriterOptions(CsvPredictionOptions options, bool startsTheOutput) => options.Excel
        ? new CsvWriterOptions { WriteByteOrderMark = startsTheOutput }
        : null;

    // The cells that come from the input or the labels, neutralised for a spreadsheet when writing for Excel; the
    // probabilities and flags this class formats cannot start a formula.
    private string Cell(string value) => _options.Excel ? SpreadsheetCell.Neutralise(value) : value;

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

    private CsvRow ReadRow(CsvReader reader, CsvColumns columns, CsvMalformedRecord? lastMalformed, long lineOffset)
    {
        // Keep the row as it came, padded to the header's width so the output stays rectangular.
        var fields = new string[columns.InputCount];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = i < reader.FieldCount ? reader.GetString(i) : "";
        }

        var readerLine = reader.LineNumber;
        var line = readerLine + lineOffset;
        var problem = RowProblem(reader, columns, fields[columns.TextIndex], readerLine, line, lastMalformed);
        return new CsvRow(fields, problem is null ? null : $"line {line}: {problem}");
    }

    // readerLine is the row's line as the reader counts it (which the malformed-record report names); line, the
    // row's line in the whole file, for the messages: they differ in a shard after the first.
    private string? RowProblem(CsvReader reader, CsvColumns columns, string text, long readerLine, long line, CsvMalformedRecord? lastMalformed)
    {
        if (lastMalformed is { } malformed && malformed.LineNumber == readerLine)
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

    /// <summary>The error of a row whose class probabilities came out NaN or infinite.</summary>
    internal const string NonFiniteRowError = "the model's output for this text is not a number (NaN); no prediction was made. Run 'gluontext doctor' on this machine";

    private async Task<(int Predicted, int Rejected, int NonFinite)> WriteWindowAsync(CsvWriter writer, List<CsvRow> batch, CsvColumns columns, Action<long> batchWritten, CancellationToken cancellationToken)
    {
        var texts = batch.Where(row => row.Error is null).Select(row => row.Fields[columns.TextIndex]).ToList();
        var probabilities = _classifier.PredictProbabilities(texts, _options.BatchSize, cancellationToken);
        var classes = _classifier.Labels.Count;
        var ranked = new int[_topK];
        var next = 0;
        var nonFinite = 0;
        long written = 0;
        foreach (var row in batch)
        {
            foreach (var field in row.Fields)
            {
                writer.WriteField(Cell(field));
            }

            var error = row.Error;
            var offset = 0;
            if (error is null)
            {
                offset = next * classes;
                next++;
                // A NaN written as a probability would be read as a figure (and NaN < threshold is false, so the
                // row would not even be sent for review): the row gets an error instead, and the summary counts it.
                if (!Probabilities.AllFinite(probabilities.AsSpan(offset, classes)))
                {
                    error = NonFiniteRowError;
                    nonFinite++;
                }
            }

            if (error is null)
            {
                var rowProbabilities = probabilities.AsSpan(offset, classes);
                Rank(rowProbabilities, ranked);
                var best = ranked[0];
                writer.WriteField(Cell(_classifier.Labels[best]));
                writer.WriteField(Format(rowProbabilities[best]));
                for (var rank = 1; rank < _topK; rank++)
                {
                    writer.WriteField(Cell(_classifier.Labels[ranked[rank]]));
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

                writer.WriteField(Cell(error));
            }

            await writer.EndRecordAsync(cancellationToken).ConfigureAwait(false);
            if (++written % _options.BatchSize == 0)
            {
                batchWritten(written);
            }
        }

        return (texts.Count - nonFinite, batch.Count - texts.Count + nonFinite, nonFinite);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Classified shard {Shard} of {Shards}: {Rows} rows ({Predicted} predicted, {Rejected} with errors) into {Output} in {Seconds:F1} s")]
    private static partial void LogShardDone(ILogger logger, int shard, int shards, long rows, long predicted, long rejected, string output, double seconds);

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>Which part of the output a run writes: the first (header row and byte order mark) or a later one, and what it adds to the reader's lines.</summary>
    private readonly record struct ShardPart(bool First, long LineOffset);

    private sealed record CsvColumns(int InputCount, int TextIndex, string[] OutputHeader);

    private sealed record CsvRow(string[] Fields, string? Error);
}
