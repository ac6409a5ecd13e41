using GluonStyleText.Data;

namespace GluonStyleText.Tests.Data;

/// <summary>Each kind of bad file or row, in the default fail mode: the error names the file, line, column and reason.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly CsvTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void AHeaderWithoutTheTextColumnNamesTheColumnAndListsTheHeader()
    {
        string path = _files.Write("train.csv", "sentiment,text,id\n1,good,3\n");

        var error = ReadExpectingError(path);

        Assert.Equal($"{path} line 1, column 'review': the header has no column 'review'; its columns are 'sentiment', 'text', 'id'", error.Message);
        Assert.Equal(RejectReason.MissingColumn, error.Reason);
        Assert.Equal("review", error.Column);
        Assert.Equal(1, error.LineNumber);
        Assert.Equal(path, error.FilePath);
    }

    [Fact]
    public void AHeaderWithoutTheLabelColumnIsReported()
    {
        string path = _files.Write("train.csv", "review\ngood\n");

        var error = ReadExpectingError(path);

        Assert.Equal($"{path} line 1, column 'sentiment': the header has no column 'sentiment'; its columns are 'review'", error.Message);
    }

    [Fact]
    public void AnotherSeparatorGetsAHint()
    {
        string path = _files.Write("train.csv", "review;sentiment\ngood;1\n");

        var error = ReadExpectingError(path);

        Assert.EndsWith("its columns are 'review;sentiment'; the file seems to use another separator than the comma", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AColumnNamedTwiceIsAmbiguous()
    {
        string path = _files.Write("train.csv", "review,sentiment,review\na,1,b\n");

        var error = ReadExpectingError(path);

        Assert.Equal($"{path} line 1, column 'review': the header has more than one column 'review' (columns 1 and 3)", error.Message);
        Assert.Equal(RejectReason.BadHeader, error.Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n\r\n")]
    public void AnEmptyFileIsReported(string content)
    {
        string path = _files.Write("train.csv", content);

        var error = ReadExpectingError(path);

        Assert.Equal($"{path} line 1: the file is empty; expected a header naming the columns 'review' and 'sentiment'", error.Message);
        Assert.Equal(RejectReason.BadHeader, error.Reason);
    }

    [Theory]
    [InlineData("review,sentiment\na,1\nb,0,extra\n", 3, "expected 2 fields, as in the header, found 3")]
    [InlineData("review,sentiment\na,1\nb\n", 3, "expected 2 fields, as in the header, found 1")]
    [InlineData("review,sentiment\r\n\"multi\r\nline\",1\r\nb,0,x\r\n", 4, "expected 2 fields, as in the header, found 3")]
    public void AWrongFieldCountNamesThePhysicalLine(string content, long line, string problem)
    {
        string path = _files.Write("train.csv", content);

        var error = ReadExpectingError(path);

        Assert.Equal($"{path} line {line}: {problem}", error.Message);
        Assert.Equal(RejectReason.WrongFieldCount, error.Reason);
        Assert.Null(error.Column);
    }

    [Theory]
    [InlineData("review,sentiment\na,1\n,0\n")]
    [InlineData("review,sentiment\na,1\n\"  \",0\n")]
    public void AnEmptyTextIsReported(string content)
    {
        string path = _files.Write("train.csv", content);

        var error = ReadExpectingError(path);

        Assert.Equal($"{path} line 3, column 'review': the text is empty", error.Message);
        Assert.Equal(RejectReason.EmptyText, error.Reason);
    }

    [Fact]
    public void ATextOverTheMaximumLengthIsReported()
    {
        string path = _files.Write("train.csv", "review,sentiment\nshort,1\ntoo long,0\n");

        var error = ReadExpectingError(path, new LabeledCsvOptions { MaxTextLength = 5 });

        Assert.Equal($"{path} line 3, column 'review': the text has 8 characters, more than MaxTextLength (5)", error.Message);
        Assert.Equal(RejectReason.TextTooLong, error.Reason);
    }

    [Fact]
    public void AnEmptyLabelIsReported()
    {
        string path = _files.Write("train.csv", "review,sentiment\ngood, \n");

        var error = ReadExpectingError(path);

        Assert.Equal($"{path} line 2, column 'sentiment': the label is empty", error.Message);
        Assert.Equal(RejectReason.EmptyLabel, error.Reason);
    }

    [Fact]
    public void ALabelOutsideTheFixedLabelMapIsReported()
    {
        string path = _files.Write("claims.csv", "review,sentiment\nsmoke,fire\nstolen bike,theft\n");
        var map = new LabelMap(["fire", "flood"]);

        using var reader = new LabeledCsvReader(path, labelMap: map);
        var error = Assert.Throws<DataFormatException>(() => reader.Read().ToList());

        Assert.Equal($"{path} line 3, column 'sentiment': the label 'theft' is not one of the 2 labels of the label map ('fire', 'flood')", error.Message);
        Assert.Equal(RejectReason.UnknownLabel, error.Reason);
    }

    [Fact]
    public void InvalidUtf8NamesTheLineTheByteAndTheColumn()
    {
        byte[] content = [.. "review,sentiment\r\ngood,1\r\n\"caf"u8, 0xE9, .. "\",0\r\n"u8];
        string path = _files.WriteBytes("latin1.csv", content);

        var error = ReadExpectingError(path);

        Assert.Equal($"{path} line 3, column 'review': invalid UTF-8: byte 0xE9 at byte 5 of the line; save the file as UTF-8", error.Message);
        Assert.Equal(RejectReason.InvalidUtf8, error.Reason);
    }

    [Fact]
    public void InvalidUtf8InsideAMultiLineFieldNamesItsOwnLine()
    {
        byte[] content = [.. "review,sentiment\n\"one\ntwo "u8, 0xFF, .. "\",1\n"u8];
        string path = _files.WriteBytes("bad.csv", content);

        var error = ReadExpectingError(path);

        Assert.Equal($"{path} line 2, column 'review': invalid UTF-8: byte 0xFF at byte 5 of line 3; save the file as UTF-8", error.Message);
    }

    [Theory]
    [InlineData("review,sentiment\nsaid \"hi\" twice,1\n", "a quote inside an unquoted field (quote the field and double its quotes)")]
    [InlineData("review,sentiment\n\"quoted\"tail,1\n", "text after the closing quote of a quoted field")]
    [InlineData("review,sentiment\n\"never closed,1\nnext,0\n", "a quoted field is never closed, so it runs to the end of the file")]
    public void MalformedQuotingIsReported(string content, string problem)
    {
        string path = _files.Write("train.csv", content);

        var error = ReadExpectingError(path);

        Assert.Equal($"{path} line 2: malformed quoting: {problem}", error.Message);
        Assert.Equal(RejectReason.MalformedQuotes, error.Reason);
    }

    [Fact]
    public void TheFailingRowIsCountedAsReadAndRejected()
    {
        string path = _files.Write("train.csv", "review,sentiment\na,1\n,0\nc,1\n");
        using var reader = new LabeledCsvReader(path);

        Assert.Throws<DataFormatException>(() => reader.Read().ToList());

        Assert.Equal(2, reader.Summary.RowsRead);
        Assert.Equal(1, reader.Summary.RowsAccepted);
        Assert.Equal(1, reader.Summary.RowsRejected);
        Assert.Equal(1, reader.Summary.RejectsByReason[RejectReason.EmptyText]);
    }

    private static DataFormatException ReadExpectingError(string path, LabeledCsvOptions? options = null)
    {
        using var reader = new LabeledCsvReader(path, options);
        return Assert.Throws<DataFormatException>(() => reader.Read().ToList());
    }
}
