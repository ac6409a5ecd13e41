using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace GluonStyleText.Data;

/// <summary>
/// Where a large CSV file can be cut so that separate workers classify it in parts: the byte range of its header
/// and a list of <see cref="CsvShard"/>s of whole rows, each of about a target size, found in one sequential scan
/// of the file's bytes. A shard read after the header gives the same rows as the whole file, so the outputs of
/// <see cref="Prediction.CsvBatchPredictor"/>'s <c>PredictShardAsync</c> for each shard, concatenated in shard order,
/// are the whole-file output byte for byte. Saved as versioned JSON
/// (<see cref="ToJson"/>, <see cref="FromJson"/>) for workers on other machines. See docs/csv-shards.md.
/// </summary>
/// <remarks>
/// UTF-8 files (with or without a byte order mark) are planned. Files with a UTF-16 or UTF-32 byte order mark get a
/// single shard holding the whole file (<see cref="HeaderStart"/> = <see cref="HeaderEnd"/> = 0, rows not counted):
/// they are classified whole, by one worker.
/// </remarks>
public sealed record CsvShardPlan
{
    /// <summary>The version of the JSON layout that <see cref="ToJson"/> writes and <see cref="FromJson"/> reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>
    /// The default row alignment: the rows that a <see cref="Prediction.CsvBatchPredictor"/> with the default
    /// <see cref="Prediction.CsvPredictionOptions.BatchSize"/> classifies together (see
    /// <see cref="Prediction.CsvPredictionOptions.ShardRowAlignment"/>).
    /// </summary>
    public const int DefaultRowAlignment = 1024;

    /// <summary>The <see cref="Encoding"/> of a planned file.</summary>
    internal const string Utf8 = "utf-8";

    private const string FormatName = "GluonStyleText.CsvShardPlan";
    private const int BufferSize = 1 << 20;
    private static readonly string[] WholeFileEncodings = ["utf-16le", "utf-16be", "utf-32le", "utf-32be"];

    internal CsvShardPlan(string encoding, long fileLength, long headerStart, long headerEnd, long targetShardBytes, int rowAlignment, long? rows, IReadOnlyList<CsvShard> shards)
    {
        Encoding = encoding;
        FileLength = fileLength;
        HeaderStart = headerStart;
        HeaderEnd = headerEnd;
        TargetShardBytes = targetShardBytes;
        RowAlignment = rowAlignment;
        Rows = rows;
        Shards = shards;
    }

    /// <summary>
    /// <c>utf-8</c> for a planned file; <c>utf-16le</c>, <c>utf-16be</c>, <c>utf-32le</c> or <c>utf-32be</c> (from the
    /// byte order mark) for a file left whole in one shard.
    /// </summary>
    public string Encoding { get; }

    /// <summary>The file's size in bytes.</summary>
    public long FileLength { get; }

    /// <summary>Where the header begins: after the UTF-8 byte order mark (3), or 0.</summary>
    public long HeaderStart { get; }

    /// <summary>Where the header ends and the first shard begins: the first data row, or the end of a file without one. Empty lines around the header belong to it.</summary>
    public long HeaderEnd { get; }

    /// <summary>The size each shard was cut at (it may be a little larger, and the last one smaller).</summary>
    public long TargetShardBytes { get; }

    /// <summary>Every shard but the first begins at a row number that is one more than a multiple of this.</summary>
    public int RowAlignment { get; }

    /// <summary>The data rows of the file (the header not counted), or null for a file left whole.</summary>
    public long? Rows { get; }

    /// <summary>The shards in file order, at least one; together they cover the file from <see cref="HeaderEnd"/> to its end.</summary>
    public IReadOnlyList<CsvShard> Shards { get; }

    /// <summary>Plans the shards of a CSV file.</summary>
    /// <param name="filePath">The CSV file.</param>
    /// <param name="targetShardBytes">About how many bytes each shard should have; a shard ends at the first row boundary at or after it, so it holds at least one row.</param>
    /// <param name="rowAlignment">Shards begin only at row numbers one more than a multiple of this: the predictor's <see cref="Prediction.CsvPredictionOptions.ShardRowAlignment"/>.</param>
    /// <param name="cancellationToken">Checked between blocks of the file.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">The file looks like UTF-16 without a byte order mark.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="targetShardBytes"/> or <paramref name="rowAlignment"/> is less than 1.</exception>
    public static CsvShardPlan Create(string filePath, long targetShardBytes, int rowAlignment = DefaultRowAlignment, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        using var file = new FileStream(filePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return Create(file, filePath, targetShardBytes, rowAlignment, cancellationToken);
    }

    /// <summary>Plans the shards of CSV input read from <paramref name="input"/>'s current position to its end (the caller owns the stream).</summary>
    /// <param name="input">The CSV file's bytes; it need not be seekable.</param>
    /// <param name="inputName">The input's name in error messages.</param>
    /// <param name="targetShardBytes">About how many bytes each shard should have; a shard ends at the first row boundary at or after it, so it holds at least one row.</param>
    /// <param name="rowAlignment">Shards begin only at row numbers one more than a multiple of this: the predictor's <see cref="Prediction.CsvPredictionOptions.ShardRowAlignment"/>.</param>
    /// <param name="cancellationToken">Checked between blocks of the input.</param>
    /// <exception cref="DataFormatException">The input looks like UTF-16 without a byte order mark.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="targetShardBytes"/> or <paramref name="rowAlignment"/> is less than 1.</exception>
    public static CsvShardPlan Create(Stream input, string inputName, long targetShardBytes, int rowAlignment = DefaultRowAlignment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentException.ThrowIfNullOrWhiteSpace(inputName);
        ArgumentOutOfRangeException.ThrowIfLessThan(targetShardBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowAlignment, 1);

        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int read = input.ReadAtLeast(buffer.AsSpan(0, BufferSize), 4, throwOnEndOfStream: false);
            var head = buffer.AsSpan(0, Math.Min(read, 4));
            if (WholeFileEncoding(head, inputName) is { } encoding)
            {
                long length = input.CanSeek ? read + input.Length - input.Position : read + Drain(input, buffer, cancellationToken);
                return new CsvShardPlan(encoding, length, 0, 0, targetShardBytes, rowAlignment, null, [new CsvShard(0, length, 1, 1, null)]);
            }

            int start = head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
            var scanner = new CsvShardScanner(start, targetShardBytes, rowAlignment);
            long total = read;
            scanner.Scan(buffer.AsSpan(start, read - start));
            while ((read = input.Read(buffer, 0, BufferSize)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                scanner.Scan(buffer.AsSpan(0, read));
                total += read;
            }

            var (headerEnd, shards, rows) = scanner.Finish();
            return new CsvShardPlan(Utf8, total, start, headerEnd, targetShardBytes, rowAlignment, rows, shards);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Whether <paramref name="other"/> is the same plan: the same values and the same shards.</summary>
    public bool Equals(CsvShardPlan? other) =>
        other is not null
        && (Encoding, FileLength, HeaderStart, HeaderEnd, TargetShardBytes, RowAlignment, Rows) == (other.Encoding, other.FileLength, other.HeaderStart, other.HeaderEnd, other.TargetShardBytes, other.RowAlignment, other.Rows)
        && Shards.SequenceEqual(other.Shards);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Encoding, FileLength, HeaderEnd, Rows, Shards.Count);

    /// <summary>The plan as indented, versioned JSON (<c>"format": "GluonStyleText.CsvShardPlan"</c>, <c>"version": 1</c>).</summary>
    public string ToJson() => JsonSerializer.Serialize(ToDocument(), CsvShardPlanJsonContext.Default.CsvShardPlanDocument);

    /// <summary>Saves the plan as JSON, under a temporary name renamed when complete.</summary>
    /// <param name="path">The file to write (replaced if it exists).</param>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        AtomicFile.WriteText(path, ToJson());
    }

    /// <summary>Reads a plan saved by <see cref="Save"/>.</summary>
    /// <param name="path">The JSON file.</param>
    /// <exception cref="InvalidDataException">The file is not a valid shard plan; the message names it and what is wrong.</exception>
    public static CsvShardPlan Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return FromJson(File.ReadAllText(path), path);
    }

    /// <summary>Reads a plan from the JSON that <see cref="ToJson"/> writes, checking that its ranges fit together.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">The JSON's file or other source, for error messages.</param>
    /// <exception cref="InvalidDataException">The JSON is not a valid shard plan; the message names <paramref name="source"/> and what is wrong.</exception>
    public static CsvShardPlan FromJson(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        if (JsonStrings.FindUnreadable(json) is { } unreadable)
        {
            throw Invalid(source, $"line {unreadable.Line}: {unreadable.Problem}");
        }

        CheckFormatAndVersion(json, source);
        CsvShardPlanDocument document;
        try
        {
            document = JsonSerializer.Deserialize(json, CsvShardPlanJsonContext.Default.CsvShardPlanDocument)
                ?? throw Invalid(source, "the JSON is null");
        }
        catch (JsonException e)
        {
            throw Invalid(source, Describe(e), e);
        }

        return FromDocument(document, source);
    }

    /// <summary>What is wrong with the plan's ranges, or null when they fit together; <see cref="FromJson"/> refuses such a plan, the predictor too.</summary>
    internal string? FindProblem()
    {
        if (FileLength < 0 || TargetShardBytes < 1 || RowAlignment < 1)
        {
            return FileLength < 0 ? "file_length is negative" : TargetShardBytes < 1 ? "target_shard_bytes is less than 1" : "row_alignment is less than 1";
        }

        if (Shards.Count == 0)
        {
            return "shards is empty; a plan has at least one shard";
        }

        if (Encoding != Utf8)
        {
            return !WholeFileEncodings.Contains(Encoding)
                ? $"encoding '{Encoding}' is not one of {Utf8}, {string.Join(", ", WholeFileEncodings)}"
                : HeaderStart != 0 || HeaderEnd != 0 || Rows is not null || Shards is not [{ Start: 0, FirstRow: 1, FirstLine: 1, Rows: null } only] || only.End != FileLength
                    ? $"a {Encoding} file is planned as one shard of the whole file: header_start and header_end 0, one shard from 0 to file_length, first_row and first_line 1, rows null"
                    : null;
        }

        if (HeaderStart is not (0 or 3) || HeaderEnd < HeaderStart || HeaderEnd > FileLength)
        {
            return Invariant($"header_start {HeaderStart} and header_end {HeaderEnd} are not a range of the file (header_start is 0, or 3 after a byte order mark; file_length is {FileLength})");
        }

        long expectedStart = HeaderEnd, expectedRow = 1, lastLine = 0;
        for (int i = 0; i < Shards.Count; i++)
        {
            var shard = Shards[i];
            string where = i == 0 ? "header_end" : Invariant($"the end of shards[{i - 1}]");
            string? problem =
                shard.Start != expectedStart ? Invariant($"start is {shard.Start}, expected {expectedStart} ({where})")
                : shard.End < shard.Start || shard.End > FileLength ? Invariant($"end {shard.End} is not between its start {shard.Start} and file_length {FileLength}")
                : shard.FirstRow != expectedRow ? Invariant($"first_row is {shard.FirstRow}, expected {expectedRow}")
                : shard.Rows is not { } rows || rows < (Shards.Count == 1 ? 0 : 1) ? "rows is missing or less than 1"
                : i > 0 && (shard.FirstRow - 1) % RowAlignment != 0 ? Invariant($"first_row {shard.FirstRow} is not one more than a multiple of row_alignment {RowAlignment}")
                : shard.FirstLine <= lastLine ? Invariant($"first_line {shard.FirstLine} is not after the first line of the shard before ({lastLine})")
                : null;
            if (problem is not null)
            {
                return Invariant($"shards[{i}]: {problem}");
            }

            expectedStart = shard.End;
            expectedRow += shard.Rows!.Value;
            lastLine = shard.FirstLine;
        }

        return expectedStart != FileLength ? Invariant($"the last shard ends at {expectedStart}, not at file_length {FileLength}")
            : Rows != expectedRow - 1 ? Invariant($"rows is {Rows?.ToString(CultureInfo.InvariantCulture) ?? "null"}, but the shards hold {expectedRow - 1}")
            : null;
    }

    /// <summary>The name of an encoding whose file is left whole in one shard, or null for UTF-8.</summary>
    private static string? WholeFileEncoding(ReadOnlySpan<byte> head, string inputName)
    {
        // UTF-32 first: its little-endian mark begins like UTF-16's. The CSV reader decodes UTF-32 itself.
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0]))
        {
            return "utf-32le";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF]))
        {
            return "utf-32be";
        }

        return CsvInput.DetectEncoding(head, inputName, out _) is { } utf16
            ? utf16.CodePage == 1201 ? "utf-16be" : "utf-16le"
            : null;
    }

    private static long Drain(Stream input, byte[] buffer, CancellationToken cancellationToken)
    {
        long total = 0;
        int read;
        while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            total += read;
        }

        return total;
    }

    private CsvShardPlanDocument ToDocument() => new()
    {
        Format = FormatName,
        Version = FormatVersion,
        Encoding = Encoding,
        FileLength = FileLength,
        HeaderStart = HeaderStart,
        HeaderEnd = HeaderEnd,
        TargetShardBytes = TargetShardBytes,
        RowAlignment = RowAlignment,
        Rows = Rows,
        Shards = [.. Shards.Select(shard => new CsvShardPlanDocument.Shard
        {
            Start = shard.Start,
            End = shard.End,
            FirstRow = shard.FirstRow,
            FirstLine = shard.FirstLine,
            Rows = shard.Rows,
        })],
    };

    private static CsvShardPlan FromDocument(CsvShardPlanDocument document, string source)
    {
        T Required<T>(T? value, string key)
            where T : struct => value ?? throw Invalid(source, $"'{key}' is missing or null");

        string encoding = document.Encoding ?? throw Invalid(source, "'encoding' is missing or null");
        var shards = new List<CsvShard>();
        foreach (var shard in document.Shards ?? throw Invalid(source, "'shards' is missing or null"))
        {
            string key = Invariant($"shards[{shards.Count}]");
            if (shard is null)
            {
                throw Invalid(source, $"'{key}' is null");
            }

            shards.Add(new CsvShard(
                Required(shard.Start, key + ".start"),
                Required(shard.End, key + ".end"),
                Required(shard.FirstRow, key + ".first_row"),
                Required(shard.FirstLine, key + ".first_line"),
                shard.Rows));
        }

        var plan = new CsvShardPlan(
            encoding,
            Required(document.FileLength, "file_length"),
            Required(document.HeaderStart, "header_start"),
            Required(document.HeaderEnd, "header_end"),
            Required(document.TargetShardBytes, "target_shard_bytes"),
            Required(document.RowAlignment, "row_alignment"),
            document.Rows,
            shards.AsReadOnly());
        return plan.FindProblem() is { } problem ? throw Invalid(source, problem) : plan;
    }

    /// <summary>Checks format and version first, so that a newer plan is reported as such rather than as malformed.</summary>
    private static void CheckFormatAndVersion(string json, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(source, $"the JSON is {root.ValueKind}, not an object");
            }

            // ValueEquals compares the raw UTF-8, so a damaged string cannot make the comparison itself throw.
            if (!root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || !format.ValueEquals(FormatName))
            {
                throw Invalid(source, $"its \"format\" is not \"{FormatName}\"; this is not a shard plan");
            }

            // TryGetInt32 throws, rather than returns false, for anything but a number.
            if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out int number))
            {
                throw Invalid(source, "it has no integer \"version\"");
            }

            if (number != FormatVersion)
            {
                throw Invalid(source, Invariant($"it is version {number} of the layout; this GluonStyleText reads version {FormatVersion} only"));
            }
        }
        catch (JsonException e)
        {
            throw Invalid(source, Describe(e), e);
        }
    }

    private static string Describe(JsonException e)
    {
        // The parser's message ends with zero-based positions; ours are one-based, as editors show them.
        int positions = e.Message.IndexOf(" Path:", StringComparison.Ordinal);
        positions = positions >= 0 ? positions : e.Message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        string detail = positions > 0 ? e.Message[..positions] : e.Message;
        string where = e.LineNumber is { } line ? Invariant($"line {line + 1}, byte {e.BytePositionInLine + 1}") : "an unknown position";
        string path = string.IsNullOrEmpty(e.Path) ? "" : $" ({e.Path})";
        return $"invalid JSON at {where}{path}: {detail}";
    }

    private static InvalidDataException Invalid(string source, string problem, Exception? inner = null) =>
        new($"'{source}' is not a valid CSV shard plan: {problem}.", inner);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
