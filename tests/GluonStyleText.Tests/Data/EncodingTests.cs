using System.Text;
using GluonStyleText.Data;

namespace GluonStyleText.Tests.Data;

/// <summary>Labeled and prediction CSV files saved as UTF-8 with a byte order mark or as UTF-16 with one ("Unicode text").</summary>
public sealed class EncodingTests : IDisposable
{
    private const string Csv = "sentiment,review\n破損,\"配送中に箱が潰れ、画面が割れていた\"\n遅延,到着が三日遅れた\n";

    private readonly CsvTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    public static TheoryData<string> Encodings() => ["utf-8-bom", "utf-16le", "utf-16be"];

    [Theory]
    [MemberData(nameof(Encodings))]
    public void JapaneseTextIsReadTheSameInEveryEncodingWithAByteOrderMark(string encoding)
    {
        string path = _files.WriteBytes($"{encoding}.csv", Encode(Csv, encoding));

        using var reader = new LabeledCsvReader(path);
        var rows = reader.Read().ToList();

        Assert.Equal([("破損", "配送中に箱が潰れ、画面が割れていた", 2L), ("遅延", "到着が三日遅れた", 3L)],
            rows.Select(row => (row.Label, row.Text, row.LineNumber)));
        Assert.Equal(0, reader.Summary.RowsRejected);
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void ThePredictionInputIsOpenedAsUtf8WithTheFilesPositionAndLength(string encoding)
    {
        byte[] bytes = Encode(Csv, encoding);
        string path = _files.WriteBytes($"{encoding}.csv", bytes);

        using var input = CsvInput.Open(path);
        var utf8 = new MemoryStream();
        input.CopyTo(utf8);

        string text = Encoding.UTF8.GetString(utf8.ToArray());
        Assert.Equal(Csv, text.TrimStart('\uFEFF'));
        Assert.Equal(bytes.Length, input.Length);
        Assert.Equal(bytes.Length, input.Position);
    }

    [Fact]
    public void AnInvalidUtf8RowStillNamesItsLine()
    {
        string path = _files.WriteBytes("latin1.csv", [.. "sentiment,review\n"u8, .. "x,caf"u8, 0xE9, .. "\n"u8]);

        using var reader = new LabeledCsvReader(path, new LabeledCsvOptions { OnBadRow = BadRowHandling.Fail });
        var error = Assert.Throws<DataFormatException>(() => reader.Read().ToList());

        Assert.Equal(2, error.LineNumber);
        Assert.Contains("invalid UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf16WithoutAByteOrderMarkIsNamedAsSuch()
    {
        string path = _files.WriteBytes("no-bom.csv", new UnicodeEncoding(bigEndian: false, byteOrderMark: false).GetBytes(Csv));

        using var reader = new LabeledCsvReader(path);
        var error = Assert.Throws<DataFormatException>(() => reader.Read().ToList());

        Assert.Equal(1, error.LineNumber);
        Assert.Contains("UTF-16 without a byte order mark", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    public void BrokenUtf16NamesTheFileAndTheLineOfTheBrokenCharacter(string encoding)
    {
        // Enough rows before the break that the decoder fails buffers ahead of the row the reader is on.
        var rows = string.Concat(Enumerable.Range(0, 3000).Select(i => $"遅延,到着が{i}日遅れた\n"));
        bool bigEndian = encoding == "utf-16be";
        byte[] loneSurrogate = bigEndian ? [0xD8, 0x00] : [0x00, 0xD8];
        byte[] bytes = [.. Encode("sentiment,review\n" + rows + "破損,画面が", encoding), .. loneSurrogate,
            .. new UnicodeEncoding(bigEndian, byteOrderMark: false).GetBytes("割れていた\n" + rows)];
        string path = _files.WriteBytes($"{encoding}-broken.csv", bytes);

        using var reader = new LabeledCsvReader(path);
        var error = Assert.Throws<DataFormatException>(() => reader.Read().ToList());

        Assert.Equal(path, error.FilePath);
        Assert.Equal(3002, error.LineNumber);
        Assert.Contains($"invalid {(bigEndian ? "UTF-16 BE" : "UTF-16 LE")} (an unpaired surrogate", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Encode(string text, string encoding) => encoding switch
    {
        "utf-8-bom" => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)],
        "utf-16le" => [0xFF, 0xFE, .. new UnicodeEncoding(bigEndian: false, byteOrderMark: false).GetBytes(text)],
        "utf-16be" => [0xFE, 0xFF, .. new UnicodeEncoding(bigEndian: true, byteOrderMark: false).GetBytes(text)],
        _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
    };
}
