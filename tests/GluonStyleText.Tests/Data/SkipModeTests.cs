using System.Text;
using CsvHelper;
using GluonStyleText.Data;

namespace GluonStyleText.Tests.Data;

public sealed class SkipModeTests : IDisposable
{
    private readonly CsvTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void BadRowsAreLeftOutAndWrittenToTheRejectsFileWithTheirReasons()
    {
        byte[] content =
        [
            .. "review,sentiment\r\n"u8,
            .. "good,1\r\n"u8,
            .. "extra,1,field\r\n"u8,
            .. ",0\r\n"u8,
            .. "much too long,0\r\n"u8,
            .. "no label,\r\n"u8,
            .. "bad "u8, 0xC3, 0x28, .. ",1\r\n"u8,
            .. "\"multi\r\nline\",0\r\n"u8,
            .. "\"x\"y,1\r\n"u8,
            .. "fine,0\r\n"u8,
        ];
        string path = _files.WriteBytes("train.csv", content);
        string rejectsPath = _files.PathOf("rejects.csv");
        var options = new LabeledCsvOptions
        {
            OnBadRow = BadRowHandling.Skip, RejectsPath = rejectsPath, MaxRejectRatio = 1, MaxTextLength = 12,
        };
        using var reader = new LabeledCsvReader(path, options);

        var rows = reader.Read().ToList();

        Assert.Equal(
        [
            new LabeledText("good", "1", 2),
            new LabeledText("multi\r\nline", "0", 8),
            new LabeledText("fine", "0", 11),
        ], rows);
        var rejected = ReadRejects(rejectsPath);
        Assert.Equal(["line", "reason", "message", "raw"], rejected[0]);
        Assert.Equal(
        [
            ["3", "WrongFieldCount", $"{path} line 3: expected 2 fields, as in the header, found 3", "extra,1,field"],
            ["4", "EmptyText", $"{path} line 4, column 'review': the text is empty", ",0"],
            ["5", "TextTooLong", $"{path} line 5, column 'review': the text has 13 characters, more than MaxTextLength (12)", "much too long,0"],
            ["6", "EmptyLabel", $"{path} line 6, column 'sentiment': the label is empty", "no label,"],
            ["7", "InvalidUtf8", $"{path} line 7, column 'review': invalid UTF-8: byte 0xC3 at byte 5 of the line; save the file as UTF-8", "bad \uFFFD(,1"],
            ["10", "MalformedQuotes", $"{path} line 10: malformed quoting: text after the closing quote of a quoted field", "\"x\"y,1"],
        ], rejected.Skip(1));
        Assert.Equal(rejectsPath, reader.Summary.RejectsPath);
        Assert.Equal(9, reader.Summary.RowsRead);
        Assert.Equal(3, reader.Summary.RowsAccepted);
        Assert.Equal(6, reader.Summary.RowsRejected);
        Assert.All(reader.Summary.RejectsByReason.Values, count => Assert.Equal(1, count));
        Assert.Equal(6, reader.Summary.RejectsByReason.Count);
    }

    [Fact]
    public void RowsReadIsAlwaysAcceptedPlusRejected()
    {
        var content = new StringBuilder("review,sentiment\n");
        for (int i = 0; i < 200; i++)
        {
            content.Append(i % 7 == 0 ? ",1\n" : i % 11 == 0 ? "x,1,2\n" : $"text {i},{i % 3}\n");
        }

        string path = _files.Write("train.csv", content.ToString());
        using var reader = new LabeledCsvReader(path, new LabeledCsvOptions { OnBadRow = BadRowHandling.Skip, MaxRejectRatio = 1 });

        foreach (var row in reader.Read())
        {
            var summary = reader.Summary;
            Assert.Equal(summary.RowsRead, summary.RowsAccepted + summary.RowsRejected);
            Assert.Equal(summary.RowsRejected, summary.RejectsByReason.Values.Sum());
        }

        Assert.Equal(200, reader.Summary.RowsRead);
        Assert.Equal(200, reader.Summary.RowsAccepted + reader.Summary.RowsRejected);
        Assert.Equal(29, reader.Summary.RejectsByReason[RejectReason.EmptyText]);
        Assert.Equal(16, reader.Summary.RejectsByReason[RejectReason.WrongFieldCount]);
    }

    [Fact]
    public void TooManyRejectsFailAtTheEndAfterWritingTheRejectsFile()
    {
        string path = _files.Write("train.csv", "review,sentiment\na,1\n,0\nc,1\nd,0\n");
        string rejectsPath = _files.PathOf("rejects.csv");
        var options = new LabeledCsvOptions { OnBadRow = BadRowHandling.Skip, RejectsPath = rejectsPath, MaxRejectRatio = 0.2 };
        using var reader = new LabeledCsvReader(path, options);
        var returned = new List<LabeledText>();

        var error = Assert.Throws<DataFormatException>(() => returned.AddRange(reader.Read()));

        Assert.Equal(RejectReason.TooManyRejects, error.Reason);
        Assert.Equal(
            $"{path} line 5: 1 of the 4 rows read were rejected (25.0%), more than MaxRejectRatio (20.0%); "
            + $"the rejected rows are in {rejectsPath}; the first: line 3: the text is empty",
            error.Message);
        Assert.Equal(3, returned.Count);
        Assert.Equal(2, ReadRejects(rejectsPath).Count);
    }

    [Fact]
    public void AMostlyBadFileFailsEarly()
    {
        string path = _files.Write("train.csv", "review,sentiment\n" + string.Concat(Enumerable.Repeat(",1\n", 100)));
        var options = new LabeledCsvOptions { OnBadRow = BadRowHandling.Skip, EarlyRejectCheckRows = 10 };
        using var reader = new LabeledCsvReader(path, options);

        var error = Assert.Throws<DataFormatException>(() => reader.Read().ToList());

        Assert.Equal(RejectReason.TooManyRejects, error.Reason);
        Assert.Equal(11, error.LineNumber);
        Assert.Equal(10, reader.Summary.RowsRead);
        Assert.Contains("set RejectsPath to keep the rejected rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EarlyBadRowsDoNotFailBeforeEnoughRowsAreRead()
    {
        var content = new StringBuilder("review,sentiment\n");
        content.Append(string.Concat(Enumerable.Repeat(",1\n", 5)));
        content.Append(string.Concat(Enumerable.Repeat("good,1\n", 995)));
        string path = _files.Write("train.csv", content.ToString());
        using var reader = new LabeledCsvReader(path, new LabeledCsvOptions { OnBadRow = BadRowHandling.Skip, MaxRejectRatio = 0.01 });

        Assert.Equal(995, reader.Read().Count());
        Assert.Equal(5, reader.Summary.RowsRejected);
    }

    [Fact]
    public void ACleanFileGetsARejectsFileWithOnlyTheHeaderAndNoTemporaryFileRemains()
    {
        string path = _files.Write("train.csv", "review,sentiment\na,1\n");
        string rejectsPath = _files.PathOf("rejects.csv");
        File.WriteAllText(rejectsPath, "stale content of an earlier run");
        using var reader = new LabeledCsvReader(path, new LabeledCsvOptions { OnBadRow = BadRowHandling.Skip, RejectsPath = rejectsPath });

        _ = reader.Read().ToList();

        Assert.Equal([["line", "reason", "message", "raw"]], ReadRejects(rejectsPath));
        Assert.Empty(Directory.GetFiles(_files.Folder, "*.tmp-*"));
    }

    [Fact]
    public void AReadLeftEarlyWritesNoRejectsFile()
    {
        string path = _files.Write("train.csv", "review,sentiment\na,1\n,0\nc,1\n");
        string rejectsPath = _files.PathOf("rejects.csv");
        using var reader = new LabeledCsvReader(path, new LabeledCsvOptions { OnBadRow = BadRowHandling.Skip, RejectsPath = rejectsPath, MaxRejectRatio = 1 });

        _ = reader.Read().First();
        reader.Dispose();

        Assert.False(File.Exists(rejectsPath));
        Assert.Empty(Directory.GetFiles(_files.Folder, "*.tmp-*"));
    }

    [Fact]
    public void FileProblemsStopTheReadInSkipModeToo()
    {
        string path = _files.Write("train.csv", "text,label\na,1\n");
        string rejectsPath = _files.PathOf("rejects.csv");
        using var reader = new LabeledCsvReader(path, new LabeledCsvOptions { OnBadRow = BadRowHandling.Skip, RejectsPath = rejectsPath });

        var error = Assert.Throws<DataFormatException>(() => reader.Read().ToList());

        Assert.Equal(RejectReason.MissingColumn, error.Reason);
        Assert.False(File.Exists(rejectsPath));
        Assert.Empty(Directory.GetFiles(_files.Folder, "*.tmp-*"));
    }

    private static List<string[]> ReadRejects(string path)
    {
        using var csv = CsvReader.FromFile(path, CsvReaderOptions.Default with { Separator = ',', HasHeader = false });
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(Enumerable.Range(0, csv.FieldCount).Select(csv.GetString).ToArray());
        }

        return rows;
    }
}
