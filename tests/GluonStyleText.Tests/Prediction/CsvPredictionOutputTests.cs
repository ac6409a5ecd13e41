using System.Globalization;
using System.Text;
using CsvHelper;
using GluonStyleText.Prediction;
using GluonStyleText.Tests.Data;
using GluonStyleText.Tests.Evaluation;

namespace GluonStyleText.Tests.Prediction;

/// <summary>The optional output of <see cref="CsvBatchPredictor"/>: top K labels, the needs-review flag, Excel-ready files.</summary>
[Collection(GluonStyleText.Tests.Training.SerialTorchCollection.Name)]
public sealed class CsvPredictionOutputTests(TinyClassifierFixture fixture) : IClassFixture<TinyClassifierFixture>, IDisposable
{
    private readonly CsvTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task TopKAddsTheNextLabelsMostProbableFirst()
    {
        var input = _files.Write("in.csv", "id,review\n1,great film\n2,awful plot\n3,\n");
        var output = _files.PathOf("out.csv");

        await Predictor(new CsvPredictionOptions { TopK = 2 }).PredictFileAsync(input, output);

        var rows = ReadCsv(output);
        Assert.Equal(["id", "review", "prediction", "probability", "label_2", "probability_2", "error"], rows[0]);
        foreach (var row in rows.Skip(1).Take(2))
        {
            var top = fixture.Classifier.Predict(row[1]).TopK(2);
            Assert.Equal([top[0].Label, top[1].Label], [row[2], row[4]]);
            Assert.Equal(top[1].Probability, Parse(row[5]), 1e-5f);
            Assert.True(Parse(row[3]) >= Parse(row[5]));
        }

        Assert.Equal(["3", "", "", "", "", ""], rows[3][..6]);
        Assert.Contains("the text is empty", rows[3][6], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TopKBeyondTheNumberOfLabelsGetsOnePairPerLabel()
    {
        var input = _files.Write("in.csv", "review\ngreat film\n");
        var output = _files.PathOf("out.csv");

        await Predictor(new CsvPredictionOptions { TopK = 5 }).PredictFileAsync(input, output);

        Assert.Equal(2, fixture.Classifier.Labels.Count);
        Assert.Equal(["review", "prediction", "probability", "label_2", "probability_2", "error"], ReadCsv(output)[0]);
    }

    [Fact]
    public async Task ReviewBelowFlagsTheRowsWhoseTopProbabilityIsUnderTheThresholdAndTheRowsWithoutAPrediction()
    {
        var (texts, _) = TinyClassifierFixture.Reviews(30, seed: 5);
        var input = _files.Write("in.csv", "review\n" + string.Concat(texts.Select(text => text + "\n")) + "\"\"\n");
        var threshold = texts.Select(text => (double)fixture.Classifier.Predict(text).Probability).Order().ElementAt(15);
        var output = _files.PathOf("out.csv");

        await Predictor(new CsvPredictionOptions { ReviewBelow = threshold }).PredictFileAsync(input, output);

        var rows = ReadCsv(output);
        Assert.Equal(["review", "prediction", "probability", "needs_review", "error"], rows[0]);
        var classified = rows.Skip(1).Take(texts.Count).ToList();
        Assert.All(classified, row => Assert.Equal(fixture.Classifier.Predict(row[0]).Probability < threshold ? "true" : "false", row[3]));
        Assert.Contains(classified, row => row[3] == "true");
        Assert.Contains(classified, row => row[3] == "false");
        Assert.Equal(["", "", "", "true"], rows[^1][..4]);
    }

    [Fact]
    public async Task ExcelOutputStartsWithAByteOrderMarkAndNeutralisesFormulas()
    {
        var input = _files.Write("in.csv", "note,review\n\"=HYPERLINK(\"\"http://x\"\")\",great film\n+1,awful plot\n-2+3,@SUM(A1)\nplain,素晴らしい映画\n\"-1,120.50\",-cmd|' /C calc'!A0\n");
        var excel = _files.PathOf("excel.csv");
        var plain = _files.PathOf("plain.csv");

        await Predictor(new CsvPredictionOptions { Excel = true }).PredictFileAsync(input, excel);
        await Predictor(new CsvPredictionOptions()).PredictFileAsync(input, plain);

        var bytes = File.ReadAllBytes(excel);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var rows = ReadCsv(excel);
        Assert.Equal(["note", "review", "prediction", "probability", "error"], rows[0]);
        Assert.Equal(["'=HYPERLINK(\"http://x\")", "great film"], rows[1][..2]);
        // Plain numbers are numbers to a spreadsheet, not formulas: a claim's amounts stay numbers.
        Assert.Equal(["+1", "awful plot"], rows[2][..2]);
        Assert.Equal(["'-2+3", "'@SUM(A1)"], rows[3][..2]);
        Assert.Equal(["plain", "素晴らしい映画"], rows[4][..2]);
        Assert.Equal(["-1,120.50", "'-cmd|' /C calc'!A0"], rows[5][..2]);
        Assert.All(rows.Skip(1), row => Assert.Contains(row[2], fixture.Classifier.Labels));

        Assert.NotEqual(0xEF, File.ReadAllBytes(plain)[0]);
        Assert.Equal(["=HYPERLINK(\"http://x\")", "+1", "-2+3"], ReadCsv(plain).Skip(1).Take(3).Select(row => row[0]));
        Assert.Contains("素晴らしい映画", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, null, "TopK")]
    [InlineData(1, 0.0, "ReviewBelow")]
    [InlineData(1, 1.5, "ReviewBelow")]
    public void InvalidSettingsAreRejected(int topK, double? reviewBelow, string name)
    {
        var error = Assert.Throws<ArgumentException>(() => Predictor(new CsvPredictionOptions { TopK = topK, ReviewBelow = reviewBelow }));

        Assert.Equal(name, error.ParamName);
    }

    private CsvBatchPredictor Predictor(CsvPredictionOptions options) => new(fixture.Classifier, options);

    private static float Parse(string value) => float.Parse(value, CultureInfo.InvariantCulture);

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
