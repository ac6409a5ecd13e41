using System.Text;
using GluonStyleText.Data;
using GluonStyleText.Prediction;

namespace GluonStyleText.Tests.Data;

/// <summary><see cref="CsvShardPlan"/>: shards of whole rows, cut where the CSV reader cuts records, with the whole file's row and line numbers.</summary>
public sealed class CsvShardPlanTests : IDisposable
{
    // Every rule of the dialect: quoted line breaks (LF, CRLF, CR), "" escapes, CRLF and LF line ends, empty lines
    // (also around the header), Japanese text, a stray quote, text after a closing quote with a quote in it, a quote
    // opened after a space (stray), a quoted field that is not the first, and a last row without a line break.
    private const string Tricky =
        "\r\nid,review,region\r\n\r\n" +
        "1,\"great film,\nreally\",north\r\n" +
        "2,\"awful \"\"plot\"\"\r\nsecond line\",south\n" +
        "\n\n" +
        "3,配送中に箱が潰れ、画面が割れていた,東京\r\n" +
        "4,a stray \" quote,east\n" +
        "5,\"closed\" then \"text\nstill row 6,west\n" +
        "7, \"spaced\nquote,x\r" +
        "8,\"cr\rinside\",\"\"\n" +
        "9,last row,\"no line break\"";

    private readonly CsvTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    public static TheoryData<long> TargetSizes() => [1, 10, 45, 80, 1 << 20];

    [Theory]
    [MemberData(nameof(TargetSizes))]
    public void EveryShardReadAfterTheHeaderGivesTheWholeFilesRowsOnTheirLines(long targetShardBytes)
    {
        byte[] file = Encoding.UTF8.GetBytes(Tricky);

        var plan = Plan(file, targetShardBytes, rowAlignment: 1);

        ShardAssert.EveryShardReadsAsTheWholeFile(file, plan);
        Assert.Equal(10, plan.Rows);
    }

    [Fact]
    public void ATinyTargetGivesEveryRowItsOwnShardWithItsRowAndLine()
    {
        byte[] file = Encoding.UTF8.GetBytes(Tricky);

        var plan = Plan(file, 1, rowAlignment: 1);

        var (_, rows) = ShardAssert.Read(file);
        Assert.Equal(rows.Count, plan.Shards.Count);
        Assert.All(plan.Shards, shard => Assert.Equal(1, shard.Rows));
        Assert.Equal(rows.Select(row => row.Line), plan.Shards.Select(shard => shard.FirstLine));
        Assert.Equal(Enumerable.Range(1, rows.Count).Select(n => (long)n), plan.Shards.Select(shard => shard.FirstRow));
        // The ten rows begin on these lines of the file (the header is on line 2, after an empty line).
        Assert.Equal([4L, 6, 10, 11, 12, 13, 14, 15, 16, 18], plan.Shards.Select(shard => shard.FirstLine));
    }

    [Fact]
    public void ShardsBeginOnlyAtAMultipleOfTheRowAlignmentAndHoldAboutTheTarget()
    {
        var csv = new StringBuilder("id,review\n");
        for (int i = 0; i < 1000; i++)
        {
            csv.Append(i).Append(i % 7 == 0 ? ",\"two\nlines\"\n" : ",one line of text\n");
        }

        byte[] file = Encoding.UTF8.GetBytes(csv.ToString());

        var plan = Plan(file, 2000, rowAlignment: 16);

        ShardAssert.EveryShardReadsAsTheWholeFile(file, plan);
        Assert.All(plan.Shards, shard => Assert.Equal(0, (shard.FirstRow - 1) % 16));
        Assert.All(plan.Shards.SkipLast(1), shard => Assert.InRange(shard.Length, 2000, 2000 + (16 * 21)));
        Assert.True(plan.Shards.Count > 5);
    }

    [Fact]
    public void AFileLargerThanTheReadBufferIsCutOnRecordsAcrossBufferEnds()
    {
        // About 5 MB of rows whose quoted fields hold line breaks and escaped quotes, so that the 1 MB blocks of the
        // scan end inside quoted fields, after a CR of a CRLF, and between the two quotes of a "".
        var random = new Random(7);
        var csv = new StringBuilder("id,review,note\r\n");
        while (csv.Length < 5 << 20)
        {
            csv.Append(random.Next()).Append(",\"");
            for (int words = random.Next(1, 30); words > 0; words--)
            {
                csv.Append(random.Next(6) switch { 0 => "\"\"", 1 => "\r\n", 2 => "\n", 3 => "破損", _ => "word " });
            }

            csv.Append("\",plain\r\n");
        }

        byte[] file = Encoding.UTF8.GetBytes(csv.ToString());

        var plan = Plan(file, 300_000, rowAlignment: 1);

        ShardAssert.EveryShardReadsAsTheWholeFile(file, plan);
        Assert.All(plan.Shards.SkipLast(1), shard => Assert.InRange(shard.Length, 300_000, 301_000));
        Assert.True(plan.Shards.Count > 15);
    }

    [Fact]
    public void AUtf8ByteOrderMarkIsBeforeTheHeader()
    {
        byte[] file = [0xEF, 0xBB, 0xBF, .. "review\ngreat\nawful\n"u8];

        var plan = Plan(file, 1, rowAlignment: 1);

        Assert.Equal((3L, 10L), (plan.HeaderStart, plan.HeaderEnd));
        Assert.Equal([(10L, 16L, 1L, 2L), (16L, 22L, 2L, 3L)], plan.Shards.Select(s => (s.Start, s.End, s.FirstRow, s.FirstLine)));
        ShardAssert.EveryShardReadsAsTheWholeFile(file, plan);
    }

    [Fact]
    public void AQuoteNeverClosedRunsToTheEndOfTheFileInTheLastShard()
    {
        byte[] file = "review\ngreat\n\"awful\nplot,\nstill open\n"u8.ToArray();

        var plan = Plan(file, 1, rowAlignment: 1);

        Assert.Equal(2, plan.Rows);
        Assert.Equal(file.Length, plan.Shards[^1].End);
        Assert.Equal(13, plan.Shards[^1].Start);
        ShardAssert.EveryShardReadsAsTheWholeFile(file, plan);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\r\n")]
    [InlineData("review")]
    [InlineData("review\r\n")]
    [InlineData("review\n\n\n")]
    [InlineData("\"review\nnever closed")]
    public void AFileWithoutDataRowsHasOneEmptyShardAfterItsHeader(string content)
    {
        byte[] file = Encoding.UTF8.GetBytes(content);

        var plan = Plan(file, 1, rowAlignment: 1);

        Assert.Equal(0, plan.Rows);
        Assert.Equal((0L, (long)file.Length), (plan.HeaderStart, plan.HeaderEnd));
        var shard = Assert.Single(plan.Shards);
        Assert.Equal((file.Length, file.Length, 1L, 0L), (shard.Start, shard.End, shard.FirstRow, shard.Rows));
        Assert.Null(plan.FindProblem());
    }

    [Theory]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    [InlineData("utf-32le")]
    [InlineData("utf-32be")]
    public void AFileWithAUtf16OrUtf32ByteOrderMarkIsOneShardOfTheWholeFile(string encodingName)
    {
        Encoding encoding = encodingName switch
        {
            "utf-16le" => new UnicodeEncoding(bigEndian: false, byteOrderMark: true),
            "utf-16be" => new UnicodeEncoding(bigEndian: true, byteOrderMark: true),
            "utf-32le" => new UTF32Encoding(bigEndian: false, byteOrderMark: true),
            _ => new UTF32Encoding(bigEndian: true, byteOrderMark: true),
        };
        byte[] file = [.. encoding.GetPreamble(), .. encoding.GetBytes("review\ngreat\nawful\n")];

        var plan = Plan(file, 1, rowAlignment: 1);

        Assert.Equal(encodingName, plan.Encoding);
        Assert.Equal((0L, 0L, (long?)null), (plan.HeaderStart, plan.HeaderEnd, plan.Rows));
        Assert.Equal(new CsvShard(0, file.Length, 1, 1, null), Assert.Single(plan.Shards));
        Assert.Null(plan.FindProblem());
    }

    [Fact]
    public void Utf16WithoutAByteOrderMarkIsRefusedAsTheReadersRefuseIt()
    {
        string path = _files.WriteBytes("no-bom.csv", new UnicodeEncoding(bigEndian: false, byteOrderMark: false).GetBytes("review\ngreat\n"));

        var error = Assert.Throws<DataFormatException>(() => CsvShardPlan.Create(path, 100));

        Assert.Equal(path, error.FilePath);
        Assert.Contains("UTF-16 without a byte order mark", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileAndAStreamThatCannotSeekGiveTheSamePlan()
    {
        byte[] file = Encoding.UTF8.GetBytes(Tricky);
        string path = _files.WriteBytes("tricky.csv", file);

        var fromFile = CsvShardPlan.Create(path, 30, rowAlignment: 2);
        using var stream = new ForwardOnlyStream(file);
        var fromStream = CsvShardPlan.Create(stream, "tricky.csv", 30, rowAlignment: 2);

        Assert.Equal(fromFile.ToJson(), fromStream.ToJson());
        ShardAssert.EveryShardReadsAsTheWholeFile(file, fromFile);
    }

    [Fact]
    public void TheDefaultRowAlignmentIsThatOfTheDefaultPredictor() =>
        Assert.Equal(CsvShardPlan.DefaultRowAlignment, new CsvPredictionOptions().ShardRowAlignment);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    public void ATargetOrAlignmentBelowOneIsRefused(long targetShardBytes, int rowAlignment)
    {
        using var stream = new MemoryStream("review\ngreat\n"u8.ToArray());

        Assert.Throws<ArgumentOutOfRangeException>(() => CsvShardPlan.Create(stream, "in.csv", targetShardBytes, rowAlignment));
    }

    private static CsvShardPlan Plan(byte[] file, long targetShardBytes, int rowAlignment)
    {
        using var stream = new MemoryStream(file);
        return CsvShardPlan.Create(stream, "test.csv", targetShardBytes, rowAlignment);
    }
}
