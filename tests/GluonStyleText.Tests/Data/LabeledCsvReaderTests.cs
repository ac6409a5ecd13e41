using GluonStyleText.Data;
using GluonStyleText.Options;

namespace GluonStyleText.Tests.Data;

public sealed class LabeledCsvReaderTests : IDisposable
{
    private readonly CsvTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("sentiment,review\n1,great film\n0,dull\n")]
    [InlineData("review,sentiment\ngreat film,1\ndull,0\n")]
    [InlineData("id,review,year,sentiment\r\n7,great film,1999,1\r\n8,dull,2001,0\r\n")]
    [InlineData(" Review ,SENTIMENT\ngreat film,1\ndull,0")]
    public void ColumnsAreFoundByHeaderNameInAnyOrder(string content)
    {
        string path = _files.Write("train.csv", content);

        var rows = ReadAll(path);

        Assert.Equal([new LabeledText("great film", "1", 2), new LabeledText("dull", "0", 3)], rows);
    }

    [Fact]
    public void ColumnsComeFromTheOptions()
    {
        string path = _files.Write("claims.csv", "description,category\nsmoke in kitchen,fire\n");
        var options = LabeledCsvOptions.From(new TextClassifierOptions { TextColumn = "description", LabelColumn = "category" });

        var rows = ReadAll(path, options);

        Assert.Equal([new LabeledText("smoke in kitchen", "fire", 2)], rows);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    public void QuotedFieldsKeepCommasQuotesAndLineBreaksAndLinesStayPhysical(string newline)
    {
        string content = string.Join(newline,
            "review,sentiment",
            "\"one, two\",1",
            "\"she said \"\"wow\"\"\",0",
            "\"first line" + newline + "second line" + newline + "third line\",1",
            "",
            "plain,0",
            "");
        string path = _files.Write("quoted.csv", content);

        var rows = ReadAll(path);

        Assert.Equal(
        [
            new LabeledText("one, two", "1", 2),
            new LabeledText("she said \"wow\"", "0", 3),
            new LabeledText($"first line{newline}second line{newline}third line", "1", 4),
            new LabeledText("plain", "0", 8),
        ], rows);
    }

    [Fact]
    public void LabelsLoseSurroundingSpacesButTextsAreKeptVerbatim()
    {
        string path = _files.Write("train.csv", "review,sentiment\n\"  padded text \", fire \n");

        var rows = ReadAll(path);

        Assert.Equal([new LabeledText("  padded text ", "fire", 2)], rows);
    }

    [Fact]
    public void AByteOrderMarkIsNotPartOfTheFirstColumnName()
    {
        string path = _files.WriteBytes("bom.csv", [0xEF, 0xBB, 0xBF, .. "sentiment,review\n1,good\n"u8]);

        var rows = ReadAll(path);

        Assert.Equal([new LabeledText("good", "1", 2)], rows);
    }

    [Fact]
    public void RowsStreamOneAtATime()
    {
        string path = _files.Write("train.csv", "review,sentiment\na,1\nb,0\n\"c,2\n");
        using var reader = new LabeledCsvReader(path);

        using var rows = reader.Read().GetEnumerator();
        Assert.True(rows.MoveNext());
        Assert.Equal("a", rows.Current.Text);
        Assert.Equal(1, reader.Summary.RowsRead);
        Assert.True(rows.MoveNext());
        Assert.Equal(2, reader.Summary.RowsRead);
        Assert.Throws<DataFormatException>(() => rows.MoveNext());
    }

    [Fact]
    public void TheSummaryCountsTheRows()
    {
        string path = _files.Write("train.csv", "review,sentiment\na,1\nb,0\nc,1\n");
        using var reader = new LabeledCsvReader(path);

        int returned = reader.Read().Count();

        Assert.Equal(3, returned);
        Assert.Equal(3, reader.Summary.RowsRead);
        Assert.Equal(3, reader.Summary.RowsAccepted);
        Assert.Equal(0, reader.Summary.RowsRejected);
        Assert.Empty(reader.Summary.RejectsByReason);
        Assert.Null(reader.Summary.RejectsPath);
        Assert.Equal("3 rows read, 3 accepted, 0 rejected", reader.Summary.ToString());
    }

    [Fact]
    public void AFileIsReadOncePerReader()
    {
        string path = _files.Write("train.csv", "review,sentiment\na,1\n");
        using var reader = new LabeledCsvReader(path);
        _ = reader.Read().ToList();

        var error = Assert.Throws<InvalidOperationException>(() => reader.Read());

        Assert.Contains("reads its file once", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFileFailsWhenReadIsCalled()
    {
        using var reader = new LabeledCsvReader(_files.PathOf("absent.csv"));

        Assert.Throws<FileNotFoundException>(() => reader.Read());
    }

    [Fact]
    public void ACancelledReadStops()
    {
        string path = _files.Write("train.csv", "review,sentiment\na,1\n");
        using var reader = new LabeledCsvReader(path);

        Assert.ThrowsAny<OperationCanceledException>(() => reader.Read(new CancellationToken(canceled: true)).ToList());
    }

    [Fact]
    public void InvalidOptionsAreRejectedWithTheirNames()
    {
        var options = new LabeledCsvOptions { MaxTextLength = 0, MaxRejectRatio = 1.5, TextColumn = "x", LabelColumn = "x" };

        var error = Assert.Throws<ArgumentException>(() => new LabeledCsvReader("any.csv", options));

        Assert.Contains("MaxTextLength", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxRejectRatio", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTextAndLabelColumnsMustDiffer()
    {
        var options = new LabeledCsvOptions { TextColumn = "text", LabelColumn = " TEXT" };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("TextColumn and LabelColumn must name different columns", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionsFromTheDefaultClassifierConfigurationReadImdb()
    {
        var options = LabeledCsvOptions.From(new TextClassifierOptions());

        Assert.Equal("review", options.TextColumn);
        Assert.Equal("sentiment", options.LabelColumn);
        Assert.Equal(BadRowHandling.Skip, options.OnBadRow);
        Assert.Equal(0.01, options.MaxRejectRatio);
    }

    [Fact]
    public void BadRowsFailInTheClassifierConfigurationReachesTheReader()
    {
        var options = LabeledCsvOptions.From(new TextClassifierOptions { BadRows = "fail", MaxRejectRatio = 0.2 });

        Assert.Equal((BadRowHandling.Fail, 0.2), (options.OnBadRow, options.MaxRejectRatio));
    }

    private static List<LabeledText> ReadAll(string path, LabeledCsvOptions? options = null)
    {
        using var reader = new LabeledCsvReader(path, options);
        return reader.Read().ToList();
    }
}
