using System.Text;
using GluonStyleText.Data;

namespace GluonStyleText.Tests.Data;

/// <summary>
/// Labeled CSV content in a stream (an upload, a blob) is read as the same bytes in a file are: the same rows, the
/// same encodings, the same errors, with the stream's display name where a file's path would be; the caller's stream
/// is never disposed.
/// </summary>
public sealed class LabeledCsvStreamTests : IDisposable
{
    private const string Csv = "sentiment,review\n破損,\"配送中に箱が潰れ、画面が割れていた\"\n遅延,到着が三日遅れた\npos,\"multi\nline\"\n";

    private readonly CsvTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    public static TheoryData<string, bool> EncodingsAndStreams()
    {
        var data = new TheoryData<string, bool>();
        foreach (var encoding in new[] { "utf-8", "utf-8-bom", "utf-16le", "utf-16be" })
        {
            data.Add(encoding, true);
            data.Add(encoding, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EncodingsAndStreams))]
    public void AStreamGivesTheRowsOfTheFileOfTheSameBytes(string encoding, bool seekable)
    {
        byte[] bytes = Encode(Csv, encoding);
        using var fileReader = new LabeledCsvReader(_files.WriteBytes("claims.csv", bytes));
        var fromFile = fileReader.Read().ToList();
        using var stream = Open(bytes, seekable);

        using var reader = new LabeledCsvReader(stream, "upload.csv");
        var fromStream = reader.Read().ToList();

        Assert.Equal(fromFile, fromStream);
        Assert.Equal(3, fromStream.Count);
        Assert.Equal("upload.csv", reader.FilePath);
        Assert.Equal(fileReader.Summary.ToString(), reader.Summary.ToString());
    }

    [Fact]
    public void ABadRowIsNamedByTheDisplayNameAndItsLine()
    {
        using var stream = new ForwardOnlyStream(Encoding.UTF8.GetBytes("sentiment,review\npos,great\nneg,\"\"\n"));
        using var reader = new LabeledCsvReader(stream, "claims-upload.csv", new LabeledCsvOptions { OnBadRow = BadRowHandling.Fail });

        var error = Assert.Throws<DataFormatException>(() => reader.Read().ToList());

        Assert.Equal("claims-upload.csv", error.FilePath);
        Assert.Equal(3, error.LineNumber);
        Assert.Equal("claims-upload.csv line 3, column 'review': the text is empty", error.Message);
    }

    [Fact]
    public void TheCallersStreamStaysOpenAfterTheReadAndAfterAFailure()
    {
        using var good = new ForwardOnlyStream(Encoding.UTF8.GetBytes(Csv));
        using var bad = new ForwardOnlyStream(Encoding.UTF8.GetBytes("text,label\nx,y\n"));

        using (var reader = new LabeledCsvReader(good, "good.csv"))
        {
            Assert.Equal(3, reader.Read().Count());
        }

        using (var reader = new LabeledCsvReader(bad, "bad.csv"))
        {
            Assert.Throws<DataFormatException>(() => reader.Read().ToList());
        }

        Assert.False(good.Disposed);
        Assert.False(bad.Disposed);
    }

    [Fact]
    public void Utf16WithoutAByteOrderMarkInAStreamIsNamedAsSuch()
    {
        using var stream = new ForwardOnlyStream(new UnicodeEncoding(bigEndian: false, byteOrderMark: false).GetBytes(Csv));
        using var reader = new LabeledCsvReader(stream, "unicode.csv");

        var error = Assert.Throws<DataFormatException>(() => reader.Read().ToList());

        Assert.Equal("unicode.csv", error.FilePath);
        Assert.Equal(1, error.LineNumber);
        Assert.Contains("UTF-16 without a byte order mark", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    public void BrokenUtf16InAStreamThatCannotBeReadAgainNamesTheLineOfTheBrokenCharacter(string encoding)
    {
        // Enough rows before the break that the decoder fails buffers ahead of the row the reader is on.
        var rows = string.Concat(Enumerable.Range(0, 3000).Select(i => $"遅延,到着が{i}日遅れた\n"));
        bool bigEndian = encoding == "utf-16be";
        byte[] loneSurrogate = bigEndian ? [0xD8, 0x00] : [0x00, 0xD8];
        byte[] bytes = [.. Encode("sentiment,review\n" + rows + "破損,画面が", encoding), .. loneSurrogate,
            .. new UnicodeEncoding(bigEndian, byteOrderMark: false).GetBytes("割れていた\n" + rows)];
        using var stream = new ForwardOnlyStream(bytes);
        using var reader = new LabeledCsvReader(stream, "broken.csv");

        var error = Assert.Throws<DataFormatException>(() => reader.Read().ToList());

        Assert.Equal("broken.csv", error.FilePath);
        Assert.Equal(3002, error.LineNumber);
        Assert.Contains($"invalid {(bigEndian ? "UTF-16 BE" : "UTF-16 LE")} (an unpaired surrogate", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x61 }, "an odd number of bytes", 3)]
    [InlineData(new byte[] { 0x3D, 0xD8 }, "a surrogate cut off at the end", 3)]
    public void Utf16CutOffAtTheEndOfAStreamNamesTheLastLine(byte[] tail, string problem, long line)
    {
        byte[] bytes = [.. Encode("sentiment,review\npos,great\n", "utf-16le"), .. tail];
        using var reader = new LabeledCsvReader(new ForwardOnlyStream(bytes), "cut.csv");

        var error = Assert.Throws<DataFormatException>(() => reader.Read().ToList());

        Assert.Equal(line, error.LineNumber);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SkippedRowsOfAStreamGoToTheRejectsFileUnderTheDisplayName()
    {
        string rejectsPath = _files.PathOf("upload.rejects.csv");
        var options = new LabeledCsvOptions { OnBadRow = BadRowHandling.Skip, RejectsPath = rejectsPath, MaxRejectRatio = 1 };
        using var stream = new ForwardOnlyStream(Encoding.UTF8.GetBytes("sentiment,review\npos,great\nneg,\nneg,awful\n"));

        var data = LabeledCsvFile.Load(stream, "upload.csv", options);

        Assert.Equal(["great", "awful"], data.Texts);
        Assert.Equal([2L, 4L], data.LineNumbers);
        Assert.Equal(rejectsPath, data.Summary.RejectsPath);
        Assert.Contains("3,EmptyText,\"upload.csv line 3, column 'review': the text is empty\",\"neg,\"", File.ReadAllText(rejectsPath), StringComparison.Ordinal);
    }

    [Fact]
    public void AStreamWithoutRowsIsReportedUnderItsDisplayName()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("sentiment,review\n"));

        var error = Assert.Throws<DataFormatException>(() => LabeledCsvFile.Load(stream, "empty-upload.csv"));

        Assert.Equal(RejectReason.NoRows, error.Reason);
        Assert.StartsWith("empty-upload.csv line 1: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheStreamAndItsNameAreRequired()
    {
        Assert.Throws<ArgumentNullException>(() => new LabeledCsvReader(null!, "x.csv"));
        Assert.Throws<ArgumentException>(() => new LabeledCsvReader(new MemoryStream(), " "));
        var unreadable = new MemoryStream();
        unreadable.Dispose();
        Assert.Throws<ArgumentException>(() => new LabeledCsvReader(unreadable, "x.csv"));
    }

    private static Stream Open(byte[] bytes, bool seekable) => seekable ? new MemoryStream(bytes) : new ForwardOnlyStream(bytes);

    private static byte[] Encode(string text, string encoding) => encoding switch
    {
        "utf-8" => Encoding.UTF8.GetBytes(text),
        "utf-8-bom" => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)],
        "utf-16le" => [0xFF, 0xFE, .. new UnicodeEncoding(bigEndian: false, byteOrderMark: false).GetBytes(text)],
        "utf-16be" => [0xFE, 0xFF, .. new UnicodeEncoding(bigEndian: true, byteOrderMark: false).GetBytes(text)],
        _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
    };
}
