using CsvHelper;
using GluonStyleText.Data;
using GluonStyleText.Prediction;
using GluonStyleText.Tests.Data;
using GluonStyleText.Tests.Evaluation;
using GluonStyleText.Tests.Training;

namespace GluonStyleText.Tests.Prediction;

[Collection(GluonStyleText.Tests.Training.SerialTorchCollection.Name)]
public sealed class CsvBatchPredictorTests(TinyClassifierFixture fixture) : IClassFixture<TinyClassifierFixture>, IDisposable
{
    private readonly CsvTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task EveryInputColumnIsKeptInOrderAndThePredictionIsAdded()
    {
        var (texts, _) = TinyClassifierFixture.Reviews(23, seed: 31);
        var input = _files.Write("claims.csv", "id,review,region\n" + string.Concat(texts.Select((text, i) => $"{i},{text},r{i % 3}\n")));
        var output = _files.PathOf("claims_output.csv");

        var summary = await Predictor(batchSize: 5).PredictFileAsync(input, output);

        var rows = ReadCsv(output);
        Assert.Equal(["id", "review", "region", "prediction", "probability", "error"], rows[0]);
        Assert.Equal(texts.Count, rows.Count - 1);
        for (var i = 0; i < texts.Count; i++)
        {
            var row = rows[i + 1];
            var expected = fixture.Classifier.Predict(texts[i]);
            Assert.Equal([$"{i}", texts[i], $"r{i % 3}"], row[..3]);
            Assert.Equal(expected.Label, row[3]);
            Assert.Equal(expected.Probability, float.Parse(row[4], System.Globalization.CultureInfo.InvariantCulture), 1e-5f);
            Assert.Equal("", row[5]);
        }

        Assert.Equal(new CsvPredictionSummary(input, output, 23, 23, 0, fixture.Classifier.Bundle.ModelHash, summary.Elapsed), summary);
    }

    [Fact]
    public async Task ClassProbabilityColumnsFollowTheLabelsAndSumToOne()
    {
        var input = _files.Write("in.csv", "review\ngreat film\nawful plot\n");
        var output = _files.PathOf("out.csv");

        await Predictor(includeClassProbabilities: true).PredictFileAsync(input, output);

        var rows = ReadCsv(output);
        Assert.Equal(["review", "prediction", "probability", .. fixture.Classifier.Labels.Select(l => $"probability_{l}"), "error"], rows[0]);
        foreach (var row in rows.Skip(1))
        {
            var classProbabilities = row[3..^1].Select(value => double.Parse(value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(1.0, classProbabilities.Sum(), 1e-5);
            Assert.Equal(row[2], row[3 + fixture.Classifier.Labels.ToList().IndexOf(row[1])]);
        }

        Assert.Equal(["great film", "pos"], rows[1][..2]);
        Assert.Equal(["awful plot", "neg"], rows[2][..2]);
    }

    [Fact]
    public async Task AnEmptyTextRowGetsAnErrorInsteadOfVanishing()
    {
        var input = _files.Write("gaps.csv", "id,review\n1,great film\n2,\n3,\"  \"\n4,awful plot\n");
        var output = _files.PathOf("gaps_out.csv");

        var summary = await Predictor().PredictFileAsync(input, output);

        var rows = ReadCsv(output);
        Assert.Equal(5, rows.Count);
        Assert.Equal(["2", "", "", "", "line 3: the text is empty"], rows[2]);
        Assert.Equal(["3", "  ", "", "", "line 4: the text is empty"], rows[3]);
        Assert.Equal("pos", rows[1][2]);
        Assert.Equal("neg", rows[4][2]);
        Assert.Equal((4L, 2L, 2L), (summary.RowsRead, summary.RowsPredicted, summary.RowsRejected));
    }

    [Fact]
    public async Task QuotedFieldsWithSeparatorsQuotesAndLineBreaksSurvive()
    {
        var input = _files.Write("quoted.csv",
            "note,review\r\n" +
            "\"a, b\",\"great film, \"\"truly\"\"\"\r\n" +
            "\"line one\nline two\",\"awful\r\nplot\"\r\n" +
            "plain,the music was superb\r\n");
        var output = _files.PathOf("quoted_out.csv");

        await Predictor().PredictFileAsync(input, output);

        var rows = ReadCsv(output);
        Assert.Equal(4, rows.Count);
        Assert.Equal(["a, b", "great film, \"truly\"", "pos"], rows[1][..3]);
        Assert.Equal(["line one\nline two", "awful\r\nplot", "neg"], rows[2][..3]);
        Assert.Equal(["plain", "the music was superb", "pos"], rows[3][..3]);
    }

    [Fact]
    public async Task AMissingTextColumnNamesTheFileAndTheColumnAndWritesNothing()
    {
        var input = _files.Write("wrong.csv", "id,description\n1,great film\n");
        var output = _files.PathOf("wrong_out.csv");

        var error = await Assert.ThrowsAsync<DataFormatException>(() => Predictor().PredictFileAsync(input, output));

        Assert.Equal(input, error.FilePath);
        Assert.Equal("review", error.Column);
        Assert.Equal(1, error.LineNumber);
        Assert.Contains("'description'", error.Message, StringComparison.Ordinal);
        Assert.Equal(["wrong.csv"], Directory.EnumerateFileSystemEntries(_files.Folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task AnOutputThatIsTheInputIsRefusedAndTheInputKept()
    {
        var contents = "id,review\n1,great film\n";
        var input = _files.Write("claims.csv", contents);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Predictor().PredictFileAsync(input, Path.Combine(_files.Folder, ".", "claims.csv")));

        Assert.Contains("is the input file", error.Message, StringComparison.Ordinal);
        Assert.Equal(contents, File.ReadAllText(input));
        Assert.Equal(["claims.csv"], Directory.EnumerateFileSystemEntries(_files.Folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task ATextColumnThatAppearsTwiceIsRefused()
    {
        var input = _files.Write("twice.csv", "review,id,review\ngreat,1,awful\n");

        var error = await Assert.ThrowsAsync<DataFormatException>(() => Predictor().PredictFileAsync(input, _files.PathOf("twice_out.csv")));

        Assert.Contains("more than one column 'review'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAddedColumnThatIsAlreadyInTheInputIsRefused()
    {
        var input = _files.Write("clash.csv", "review,prediction\ngreat,pos\n");

        var error = await Assert.ThrowsAsync<DataFormatException>(() => Predictor().PredictFileAsync(input, _files.PathOf("clash_out.csv")));

        Assert.Equal("prediction", error.Column);
    }

    [Fact]
    public void AddedColumnsWithTheSameNameAreRefused()
    {
        var options = new CsvPredictionOptions { PredictionColumn = "result", ErrorColumn = "result" };

        var error = Assert.Throws<ArgumentException>(() => new CsvBatchPredictor(fixture.Classifier, options));

        Assert.Contains("two columns named 'result'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedRowsGetAnErrorNamingTheirLine()
    {
        var input = _files.Write("malformed.csv",
            "id,review\n" +
            "1,great film\n" +
            "2,awful \"plot\n" +
            "3,\"superb\"music\n" +
            "4,too,many,fields\n" +
            "5\n" +
            "6,boring story\n");
        var output = _files.PathOf("malformed_out.csv");

        var summary = await Predictor().PredictFileAsync(input, output);

        var rows = ReadCsv(output);
        Assert.Equal(7, rows.Count);
        Assert.Equal("", rows[1][^1]);
        Assert.StartsWith("line 3: malformed quoting", rows[2][^1], StringComparison.Ordinal);
        Assert.StartsWith("line 4: malformed quoting", rows[3][^1], StringComparison.Ordinal);
        Assert.Equal("line 5: expected 2 fields, as in the header, found 4", rows[4][^1]);
        Assert.Equal("line 6: expected 2 fields, as in the header, found 1", rows[5][^1]);
        Assert.Equal(["6", "boring story", "neg", rows[6][3], ""], rows[6]);
        Assert.All(rows.Skip(2).Take(4), row => Assert.Equal("", row[2]));
        Assert.Equal((6L, 2L, 4L), (summary.RowsRead, summary.RowsPredicted, summary.RowsRejected));
    }

    [Fact]
    public async Task MalformedRowsKeepTheirOriginalFieldsBesideTheError()
    {
        var input = _files.Write("kept.csv",
            "id,review,region\n" +
            "c1,great film,north\n" +
            "c2,awful \"plot,south\n" +
            "c3,\"superb\"music,east\n" +
            "c4,too,many,fields\n" +
            "c5,short\n" +
            "c6,,west\n" +
            "c7,boring story,north\n");
        var output = _files.PathOf("kept_out.csv");

        await Predictor().PredictFileAsync(input, output);

        var rows = ReadCsv(output);
        Assert.Equal(["id", "review", "region", "prediction", "probability", "error"], rows[0]);
        Assert.Equal(["c1", "great film", "north", "pos"], rows[1][..4]);
        Assert.Equal(["c2", "awful \"plot", "south", "", ""], rows[2][..5]);
        Assert.StartsWith("line 3: malformed quoting", rows[2][5], StringComparison.Ordinal);
        Assert.Equal(["c3", "superbmusic", "east", "", ""], rows[3][..5]);
        Assert.StartsWith("line 4: malformed quoting", rows[3][5], StringComparison.Ordinal);
        // Too many fields: the header's first three are kept; too few: padded with empty fields.
        Assert.Equal(["c4", "too", "many", "", "", "line 5: expected 3 fields, as in the header, found 4"], rows[4]);
        Assert.Equal(["c5", "short", "", "", "", "line 6: expected 3 fields, as in the header, found 2"], rows[5]);
        Assert.Equal(["c6", "", "west", "", "", "line 7: the text is empty"], rows[6]);
        Assert.Equal(["c7", "boring story", "north", "neg", rows[7][4], ""], rows[7]);
        Assert.Equal(8, rows.Count);
    }

    [Fact]
    public async Task InvalidUtf8InTheTextGivesAnErrorNamingTheLine()
    {
        var input = _files.WriteBytes("latin1.csv", [.. "id,review\n1,great\n2,caf"u8, 0xE9, .. " awful\n"u8]);
        var output = _files.PathOf("latin1_out.csv");

        await Predictor().PredictFileAsync(input, output);

        var rows = ReadCsv(output);
        Assert.StartsWith("line 3: invalid UTF-8", rows[2][^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AQuoteThatIsNeverClosedNamesItsLine()
    {
        var input = _files.Write("open.csv", "id,review\n1,great\n2,\"awful\n3,superb\n");
        var output = _files.PathOf("open_out.csv");

        await Predictor().PredictFileAsync(input, output);

        var rows = ReadCsv(output);
        Assert.Equal(3, rows.Count);
        Assert.StartsWith("line 3: malformed quoting: a quoted field is never closed", rows[2][^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancellationLeavesNoOutputAndNoTemporaryFile()
    {
        var (texts, _) = TinyClassifierFixture.Reviews(50, seed: 32);
        var input = _files.Write("many.csv", "review\n" + string.Concat(texts.Select(t => t + "\n")));
        var output = _files.PathOf("many_out.csv");
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress<CsvPredictionProgress>(_ => cancel.Cancel());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Predictor(batchSize: 10).PredictFileAsync(input, output, progress, cancel.Token));

        Assert.Equal(["many.csv"], Directory.EnumerateFileSystemEntries(_files.Folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task AnExistingOutputIsReplacedOnlyWhenTheNewOneIsComplete()
    {
        var output = _files.Write("result.csv", "previous results\n");
        var bad = _files.Write("bad.csv", "id\n1\n");
        var good = _files.Write("good.csv", "review\ngreat film\n");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        await Assert.ThrowsAsync<DataFormatException>(() => Predictor().PredictFileAsync(bad, output));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Predictor().PredictFileAsync(good, output, cancellationToken: cancel.Token));
        Assert.Equal("previous results\n", File.ReadAllText(output));

        await Predictor().PredictFileAsync(good, output);

        Assert.Equal(["great film", "pos"], ReadCsv(output)[1][..2]);
        Assert.Equal(["bad.csv", "good.csv", "result.csv"], Directory.EnumerateFileSystemEntries(_files.Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ProgressIsReportedPerBatchAndEndsAtTheWholeFile()
    {
        var (texts, _) = TinyClassifierFixture.Reviews(25, seed: 33);
        var input = _files.Write("progress.csv", "review\n" + string.Concat(texts.Select(t => t + "\n")));
        var reports = new List<CsvPredictionProgress>();

        await Predictor(batchSize: 10).PredictFileAsync(input, _files.PathOf("progress_out.csv"), new SynchronousProgress<CsvPredictionProgress>(reports.Add));

        Assert.Equal([10L, 20L, 25L], reports.Select(r => r.RowsDone));
        Assert.All(reports, r => Assert.Equal(new FileInfo(input).Length, r.TotalBytes));
        Assert.Equal(1.0, reports[^1].Fraction);
        Assert.True(reports.Zip(reports.Skip(1)).All(pair => pair.First.BytesRead <= pair.Second.BytesRead));
    }

    [Fact]
    public async Task AFileWithOnlyAHeaderGivesOnlyAHeader()
    {
        var input = _files.Write("header.csv", "review\n");
        var output = _files.PathOf("header_out.csv");

        var summary = await Predictor().PredictFileAsync(input, output);

        Assert.Equal([["review", "prediction", "probability", "error"]], ReadCsv(output));
        Assert.Equal(0, summary.RowsRead);
    }

    [Fact]
    public async Task AnEmptyFileIsRefusedNamingIt()
    {
        var input = _files.Write("empty.csv", "");

        var error = await Assert.ThrowsAsync<DataFormatException>(() => Predictor().PredictFileAsync(input, _files.PathOf("empty_out.csv")));

        Assert.Equal(input, error.FilePath);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    private CsvBatchPredictor Predictor(int batchSize = 256, bool includeClassProbabilities = false) =>
        new(fixture.Classifier, new CsvPredictionOptions { BatchSize = batchSize, IncludeClassProbabilities = includeClassProbabilities });

    /// <summary>Every record of a CSV file, the header first, each as its fields.</summary>
    private static List<string[]> ReadCsv(string path)
    {
        using var reader = CsvReader.FromFile(path, CsvReaderOptions.Default with { Separator = ',', HasHeader = false });
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        }

        return rows;
    }
}
