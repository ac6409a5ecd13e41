using System.Text;
using GluonStyleText.Data;
using GluonStyleText.Prediction;
using GluonStyleText.Tests.Data;
using GluonStyleText.Tests.Evaluation;
using GluonStyleText.Tests.Training;

namespace GluonStyleText.Tests.Prediction;

/// <summary>
/// <see cref="CsvBatchPredictor"/> over the shards of a <see cref="CsvShardPlan"/>: the shards' outputs, concatenated
/// in order, are byte for byte the whole-file output, rejected rows and the lines they name included.
/// </summary>
[Collection(SerialTorchCollection.Name)]
public sealed class CsvBatchPredictorShardTests(TinyClassifierFixture fixture) : IClassFixture<TinyClassifierFixture>, IDisposable
{
    // Batches of 2 rows, so that a window is 32 rows and 256 rows make 8 aligned shards.
    private const int BatchSize = 2;
    private const int DataRows = 256;

    private readonly CsvTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    public static TheoryData<string, int> OptionsAndShards() => new()
    {
        { "plain", 1 },
        { "plain", 8 },
        { "excel", 1 },
        { "excel", 8 },
        { "top-k and review", 1 },
        { "top-k and review", 8 },
    };

    [Theory]
    [MemberData(nameof(OptionsAndShards))]
    public async Task TheShardsOutputsConcatenatedAreTheWholeFileOutputByteForByte(string options, int shards)
    {
        var (bytes, lines) = Claims();
        string input = _files.WriteBytes("claims.csv", bytes);
        var predictor = new CsvBatchPredictor(fixture.Classifier, Options(options));
        var whole = await predictor.PredictFileAsync(input, _files.PathOf("whole.csv"));
        var plan = CsvShardPlan.Create(input, shards == 1 ? long.MaxValue : 1, Options(options).ShardRowAlignment);
        Assert.Equal(shards, plan.Shards.Count);

        var output = new List<byte>();
        var summaries = new List<CsvPredictionSummary>();
        for (int i = 0; i < plan.Shards.Count; i++)
        {
            string part = _files.PathOf($"claims_output.part{i}.csv");
            summaries.Add(await predictor.PredictShardAsync(input, plan, i, part));
            output.AddRange(File.ReadAllBytes(part));
        }

        byte[] expected = File.ReadAllBytes(_files.PathOf("whole.csv"));
        Assert.Equal(expected, output.ToArray());
        Assert.Equal((whole.RowsRead, whole.RowsPredicted, whole.RowsRejected), (summaries.Sum(s => s.RowsRead), summaries.Sum(s => s.RowsPredicted), summaries.Sum(s => s.RowsRejected)));
        Assert.All(summaries, summary => Assert.Equal(whole.ModelHash, summary.ModelHash));
        Assert.Equal(plan.Shards.Select(shard => shard.Rows!.Value), summaries.Select(summary => summary.RowsRead));
        Assert.Equal(options == "excel", expected.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]));

        // The rejected rows name their lines of the whole file, also from the shards after the first.
        string text = Encoding.UTF8.GetString(expected);
        Assert.Contains($"line {lines.EmptyText}: the text is empty", text, StringComparison.Ordinal);
        Assert.Contains($"line {lines.StrayQuote}: malformed quoting", text, StringComparison.Ordinal);
        Assert.Contains($"line {lines.InvalidUtf8}: invalid UTF-8: byte 0xE9 at byte 10 of line {lines.InvalidUtf8 + 1}", text, StringComparison.Ordinal);
        Assert.Contains($"line {lines.WrongFieldCount}: expected 3 fields, as in the header, found 4", text, StringComparison.Ordinal);
        Assert.Equal(21, whole.RowsRejected);
        if (shards > 1)
        {
            // Row 181 is the first rejected one.
            Assert.Contains(plan.Shards.Skip(1), shard => shard.FirstRow <= 181 && 181 < shard.FirstRow + shard.Rows);
        }
    }

    [Fact]
    public async Task ShardsReadFromStreamsOfTheirRangesWriteTheSameBytesAndLeaveTheStreamsOpen()
    {
        var (bytes, _) = Claims();
        string input = _files.WriteBytes("claims.csv", bytes);
        var options = Options("top-k and review");
        var predictor = new CsvBatchPredictor(fixture.Classifier, options);
        await predictor.PredictFileAsync(input, _files.PathOf("whole.csv"));
        var plan = CsvShardPlan.FromJson(CsvShardPlan.Create(input, 1, options.ShardRowAlignment).ToJson(), "plan.json");

        var output = new MemoryStream();
        for (int i = 0; i < plan.Shards.Count; i++)
        {
            var shard = plan.Shards[i];
            using var header = new ForwardOnlyStream(bytes[(int)plan.HeaderStart..(int)plan.HeaderEnd], mostPerRead: 7);
            using var rows = new ForwardOnlyStream(bytes[(int)shard.Start..(int)shard.End], mostPerRead: 1000);
            var reports = new List<CsvPredictionProgress>();

            var summary = await predictor.PredictShardAsync(header, rows, plan, i, output, "s3://bucket/claims.csv", new SynchronousProgress<CsvPredictionProgress>(reports.Add));

            Assert.Equal(("s3://bucket/claims.csv", "", shard.Rows!.Value), (summary.InputPath, summary.OutputPath, summary.RowsRead));
            Assert.False(header.Disposed || rows.Disposed);
            Assert.Equal(plan.HeaderEnd + shard.Length, reports[^1].TotalBytes);
        }

        Assert.True(output.CanWrite);
        Assert.Equal(File.ReadAllBytes(_files.PathOf("whole.csv")), output.ToArray());
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-16le")]
    public async Task AStreamIsClassifiedIntoAStreamAsTheFileWouldBe(string encoding)
    {
        var (utf8, _) = Claims();
        byte[] bytes = encoding == "utf-8" ? utf8 : [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(utf8))];
        string input = _files.WriteBytes("claims.csv", bytes);
        var predictor = new CsvBatchPredictor(fixture.Classifier, Options("excel"));
        var whole = await predictor.PredictFileAsync(input, _files.PathOf("whole.csv"));
        using var stream = new ForwardOnlyStream(bytes);
        var output = new MemoryStream();

        var summary = await predictor.PredictAsync(stream, output, "upload.csv");

        Assert.Equal(File.ReadAllBytes(_files.PathOf("whole.csv")), output.ToArray());
        Assert.Equal(("upload.csv", "", whole.RowsRead, whole.RowsRejected), (summary.InputPath, summary.OutputPath, summary.RowsRead, summary.RowsRejected));
        Assert.False(stream.Disposed);
        Assert.True(output.CanWrite);
    }

    [Fact]
    public async Task AUtf16FileIsClassifiedWholeAsItsOneShard()
    {
        var (utf8, _) = Claims();
        string input = _files.WriteBytes("claims.csv", [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(Encoding.UTF8.GetString(utf8))]);
        var predictor = new CsvBatchPredictor(fixture.Classifier, Options("plain"));
        await predictor.PredictFileAsync(input, _files.PathOf("whole.csv"));
        var plan = CsvShardPlan.Create(input, 1, rowAlignment: 1);

        var summary = await predictor.PredictShardAsync(input, plan, 0, _files.PathOf("part0.csv"));

        Assert.Single(plan.Shards);
        Assert.Equal(DataRows, summary.RowsRead);
        Assert.Equal(File.ReadAllBytes(_files.PathOf("whole.csv")), File.ReadAllBytes(_files.PathOf("part0.csv")));
    }

    [Fact]
    public async Task AShardThatDoesNotBeginAtTheWindowOfThePredictorIsRefused()
    {
        string input = _files.WriteBytes("claims.csv", Claims().Bytes);
        var plan = CsvShardPlan.Create(input, 1, rowAlignment: 1);
        var predictor = new CsvBatchPredictor(fixture.Classifier, Options("plain"));

        await predictor.PredictShardAsync(input, plan, 0, _files.PathOf("part0.csv"));
        var error = await Assert.ThrowsAsync<ArgumentException>(() => predictor.PredictShardAsync(input, plan, 1, _files.PathOf("part1.csv")));

        Assert.Equal("plan", error.ParamName);
        Assert.Contains("begins at row 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("rowAlignment 32", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_files.PathOf("part1.csv")));
    }

    [Fact]
    public async Task AShardOfAFileThatChangedSinceItWasPlannedIsRefusedAndLeavesNoOutput()
    {
        var (bytes, _) = Claims();
        string input = _files.WriteBytes("claims.csv", bytes);
        var predictor = new CsvBatchPredictor(fixture.Classifier, Options("plain"));
        var plan = CsvShardPlan.Create(input, 1, Options("plain").ShardRowAlignment);

        _files.WriteBytes("claims.csv", [.. bytes, .. "x\r\n"u8]);
        var longer = await Assert.ThrowsAsync<InvalidDataException>(() => predictor.PredictShardAsync(input, plan, 3, _files.PathOf("part3.csv")));

        // As long as before, but a quoted line break is now a row break: the shard holds one row more.
        int quote = bytes.AsSpan().IndexOf("\r\n5,\""u8) + 4;
        _files.WriteBytes("claims.csv", [.. bytes[..quote], (byte)'x', .. bytes[(quote + 1)..]]);
        int shard = plan.Shards.Count(s => s.Start <= quote) - 1;
        var moreRows = await Assert.ThrowsAsync<InvalidDataException>(() => predictor.PredictShardAsync(input, plan, shard, _files.PathOf("part.csv")));

        Assert.Contains("but the shard plan is of a file of", longer.Message, StringComparison.Ordinal);
        Assert.Contains($"shard {shard} holds 33 rows, but its plan counted 32", moreRows.Message, StringComparison.Ordinal);
        Assert.Equal(["claims.csv"], Directory.EnumerateFileSystemEntries(_files.Folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task AShardStreamThatEndsBeforeItsRangeIsRefused()
    {
        var (bytes, _) = Claims();
        using var planned = new MemoryStream(bytes);
        var plan = CsvShardPlan.Create(planned, "claims.csv", 1, Options("plain").ShardRowAlignment);
        var shard = plan.Shards[2];
        using var header = new MemoryStream(bytes[(int)plan.HeaderStart..(int)plan.HeaderEnd]);
        // Cut where the shard's second row begins, so the reader sees whole rows and only the length check can tell.
        using var again = new MemoryStream(bytes);
        int cut = (int)(CsvShardPlan.Create(again, "claims.csv", 1, rowAlignment: 1).Shards[(int)shard.FirstRow].Start - shard.Start);
        using var rows = new MemoryStream(bytes[(int)shard.Start..((int)shard.Start + cut)]);

        var error = await Assert.ThrowsAsync<EndOfStreamException>(() =>
            new CsvBatchPredictor(fixture.Classifier, Options("plain")).PredictShardAsync(header, rows, plan, 2, new MemoryStream(), "claims.csv"));

        Assert.Contains($"the shard 2's stream ended after {cut:N0} of its {shard.Length:N0} bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHeaderWithoutTheTextColumnIsRefusedByEveryShardAsByTheWholeFile()
    {
        string input = _files.WriteBytes("claims.csv", Encoding.UTF8.GetBytes("\r\nid,description\r\n" + string.Concat(Enumerable.Range(0, 70).Select(i => $"{i},great film\r\n"))));
        var plan = CsvShardPlan.Create(input, 1, Options("plain").ShardRowAlignment);
        var predictor = new CsvBatchPredictor(fixture.Classifier, Options("plain"));

        var whole = await Assert.ThrowsAsync<DataFormatException>(() => predictor.PredictFileAsync(input, _files.PathOf("whole.csv")));
        var last = await Assert.ThrowsAsync<DataFormatException>(() => predictor.PredictShardAsync(input, plan, plan.Shards.Count - 1, _files.PathOf("part.csv")));

        Assert.Equal(3, plan.Shards.Count);
        Assert.Equal(whole.Message, last.Message);
        Assert.Equal(2, last.LineNumber);
    }

    [Fact]
    public async Task ACancelledShardLeavesNoOutput()
    {
        string input = _files.WriteBytes("claims.csv", Claims().Bytes);
        var plan = CsvShardPlan.Create(input, 1, Options("plain").ShardRowAlignment);
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress<CsvPredictionProgress>(_ => cancel.Cancel());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new CsvBatchPredictor(fixture.Classifier, Options("plain")).PredictShardAsync(input, plan, 4, _files.PathOf("part4.csv"), progress, cancel.Token));

        Assert.Equal(["claims.csv"], Directory.EnumerateFileSystemEntries(_files.Folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task AShardIndexOutsideThePlanIsRefused()
    {
        string input = _files.WriteBytes("claims.csv", Claims().Bytes);
        var plan = CsvShardPlan.Create(input, 1, Options("plain").ShardRowAlignment);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            new CsvBatchPredictor(fixture.Classifier, Options("plain")).PredictShardAsync(input, plan, plan.Shards.Count, _files.PathOf("part.csv")));
    }

    private static CsvPredictionOptions Options(string name) => name switch
    {
        "plain" => new CsvPredictionOptions { BatchSize = BatchSize },
        "excel" => new CsvPredictionOptions { BatchSize = BatchSize, Excel = true },
        _ => new CsvPredictionOptions { BatchSize = BatchSize, TopK = 2, ReviewBelow = 0.9, IncludeClassProbabilities = true },
    };

    /// <summary>The lines of the whole file on which the rows with a problem begin.</summary>
    private sealed record ProblemLines(long EmptyText, long StrayQuote, long InvalidUtf8, long WrongFieldCount);

    /// <summary>
    /// 256 claims (<c>id,review,region</c>, CRLF line ends, an empty line before the header and a few between rows):
    /// reviews of the tiny model's words, some with quoted line breaks (LF and CRLF) and escaped quotes, a Japanese
    /// one, formulas for Excel, and late in the file 21 rows that are rejected (empty or blank text, a stray quote,
    /// invalid UTF-8, a wrong field count); the last row has no line break.
    /// </summary>
    private static (byte[] Bytes, ProblemLines Lines) Claims()
    {
        var (texts, _) = TinyClassifierFixture.Reviews(DataRows, seed: 41);
        var file = new List<byte>();
        long line = 1;
        void Add(ReadOnlySpan<byte> bytes)
        {
            file.AddRange(bytes);
            line += LineBreaks(bytes);
        }

        long emptyText = 0, strayQuote = 0, invalidUtf8 = 0, wrongFieldCount = 0;
        Add("\r\nid,review,region\r\n"u8);
        for (int i = 0; i < DataRows; i++)
        {
            string end = i == DataRows - 1 ? "" : "\r\n";
            string region = i % 50 == 7 ? "\"=HYPERLINK(\"\"http://x\"\")\"" : i % 9 == 0 ? "\"north,\r\nwest\"" : "south";
            switch (i)
            {
                case >= 180 and < 196:
                    emptyText = emptyText == 0 ? line : emptyText;
                    Add(Encoding.UTF8.GetBytes($"{i},{(i % 2 == 0 ? "" : "\"  \"")},{region}{end}"));
                    break;
                case 200:
                    strayQuote = line;
                    Add(Encoding.UTF8.GetBytes($"{i},a \"stray quote {texts[i]},{region}{end}"));
                    break;
                case 201:
                    invalidUtf8 = line;
                    Add([.. Encoding.UTF8.GetBytes($"{i},\"two\nlines caf"), 0xE9, .. Encoding.UTF8.GetBytes($" {texts[i]}\",{region}{end}")]);
                    break;
                case 202 or 203 or 204:
                    wrongFieldCount = wrongFieldCount == 0 ? line : wrongFieldCount;
                    Add(Encoding.UTF8.GetBytes($"{i},{texts[i]},{region},extra{end}"));
                    break;
                case 100:
                    Add(Encoding.UTF8.GetBytes($"{i},配送中に箱が潰れ {texts[i]},東京{end}"));
                    break;
                default:
                    string review = (i % 5) switch
                    {
                        0 => $"\"{texts[i]},\nreally\"",
                        1 => $"\"{texts[i]}\r\nsaid \"\"the critic\"\"\"",
                        _ => texts[i],
                    };
                    Add(Encoding.UTF8.GetBytes($"{i},{review},{region}{end}{(i % 37 == 0 ? "\r\n" : "")}"));
                    break;
            }
        }

        return ([.. file], new ProblemLines(emptyText, strayQuote, invalidUtf8, wrongFieldCount));
    }

    /// <summary>Line breaks as the CSV reader counts them: CR, LF and CR LF once each.</summary>
    private static long LineBreaks(ReadOnlySpan<byte> bytes)
    {
        long breaks = 0;
        for (int i = 0; i < bytes.Length; i++)
        {
            breaks += bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= bytes.Length || bytes[i + 1] != '\n')) ? 1 : 0;
        }

        return breaks;
    }
}
