using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using CsvHelper;
using GluonStyleText.Tests.Evaluation;
using GluonStyleText.Tests.Support;

namespace GluonStyleText.Tests.Cli;

/// <summary>The <c>gluontext</c> tool run in-process: its options, its messages, and a whole run on claims-like data.</summary>
[Collection(GluonStyleText.Tests.Training.SerialTorchCollection.Name)]
public sealed class GluonTextCliTests
{
    [Fact]
    public async Task HelpListsTheThreeCommands()
    {
        var run = await GluonTextRun.RunAsync("--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var text in new[] { "train", "evaluate", "predict", "--verbose" })
        {
            Assert.Contains(text, run.Out, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("demo", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("IMDB", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("train", "--data <FILE> (REQUIRED)", "--text-column <NAME>", "--label-column <NAME>", "--n-classes <N>", "--bad-rows <MODE>", "--max-reject-ratio <RATIO>", "--class-weights <MODE>", "--preset <NAME>", "[default: auto]", "--seed <N>", "-o, --output <BUNDLE>", "<data file name>-model.zip")]
    [InlineData("evaluate", "--model <BUNDLE> (REQUIRED)", "--data <FILE> (REQUIRED)", "--report <DIR>")]
    [InlineData("predict", "--model <BUNDLE> (REQUIRED)", "--top <K>", "--review-below <P>", "--excel", "--text <TEXT>")]
    public async Task EachCommandDescribesItsOptions(string command, params string[] expected)
    {
        var run = await GluonTextRun.RunAsync(command, "--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var text in expected)
        {
            Assert.Contains(text, run.Out, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("review,", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("--cache-dir", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Option '--data' is required.", "train")]
    [InlineData("--n-classes must be 0 (from the data) or at least 2, got 1.", "train", "--data", "d.csv", "--n-classes", "1")]
    [InlineData("--max-reject-ratio must be between 0 and 1, got 2.", "train", "--data", "d.csv", "--max-reject-ratio", "2")]
    [InlineData("Argument 'sometimes' not recognized. Must be one of:", "train", "--data", "d.csv", "--bad-rows", "sometimes")]
    [InlineData("--review-below must be a probability above 0 and at most 1, got 0.", "predict", "--model", "m", "--text", "hi", "--review-below", "0")]
    [InlineData("error: --data: file not found: ", "train", "--data", "no-such-file.csv")]
    public async Task BadArgumentsAreRejectedWithAMessage(string message, params string[] args)
    {
        var run = await GluonTextRun.RunAsync(args);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnArgumentStartingWithAtIsNotReadAsAResponseFile()
    {
        using var folder = new TemporaryDirectory();

        var run = await GluonTextRun.RunAsync("predict", "--model", folder.Combine("missing"), "--text", "@claims.txt");

        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain("esponse file", run.Error, StringComparison.Ordinal);
        Assert.StartsWith("error: Model bundle", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongColumnNameNamesTheFileAndTheColumnsItHas()
    {
        using var folder = new TemporaryDirectory();
        var data = TinyClaimsData.Write(folder.Combine("claims.csv"), rows: 30, seed: 1);

        var run = await GluonTextRun.RunAsync("train", "--data", data, "--text-column", "text", "--label-column", "category", "--config", WriteConfig(folder));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"error: {data}", run.Error, StringComparison.Ordinal);
        Assert.Contains("no column 'text'", run.Error, StringComparison.Ordinal);
        Assert.Contains("'id', 'description', 'category'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnNClassesThatDiffersFromTheDataSaysHowManyLabelsItHas()
    {
        using var folder = new TemporaryDirectory();
        var data = TinyClaimsData.Write(folder.Combine("claims.csv"), rows: 30, seed: 1, withBadAndJapaneseRows: false);

        var run = await GluonTextRun.RunAsync("train", "--data", data, "--text-column", "description", "--label-column", "category", "--n-classes", "2", "--config", WriteConfig(folder), "-o", folder.Combine("m.zip"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: n_classes is 2 but the training data has 3 labels (fire, theft, water)", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.Combine("m.zip")));
    }

    [Fact]
    public async Task CustomColumnsAndStringLabelsTrainEvaluateAndPredictEndToEnd()
    {
        using var folder = new TemporaryDirectory();
        var data = TinyClaimsData.Write(folder.Combine("claims.csv"), rows: 150, seed: 1);
        var test = TinyClaimsData.Write(folder.Combine("claims-test.csv"), rows: 60, seed: 2, withBadAndJapaneseRows: false);
        var config = WriteConfig(folder);

        // The default bundle name comes from the data file, in the current folder: give it explicitly here, as
        // tests must not write into the test runner's folder.
        var bundle = folder.Combine("claims-model.zip");
        var train = await GluonTextRun.RunAsync("train", "--data", data, "--text-column", "description", "--label-column", "category", "--config", config, "-o", bundle);
        Assert.True(train.ExitCode == 0, train.ToString());
        Assert.Contains($"Model bundle: {bundle}", train.Out, StringComparison.Ordinal);
        Assert.Contains("Labels: 3 (fire, theft, water)", train.Out, StringComparison.Ordinal);
        Assert.Contains($"Rows: 152 read = 151 accepted + 1 rejected (rejects: {folder.Combine("claims-model.rejects.csv")})", train.Out, StringComparison.Ordinal);
        Assert.Contains("held-out texts", train.Out, StringComparison.Ordinal);

        var evaluate = await GluonTextRun.RunAsync("evaluate", "--model", bundle, "--data", test, "--report", folder.Combine("report"));
        Assert.True(evaluate.ExitCode == 0, evaluate.ToString());
        var accuracy = Regex.Match(evaluate.Out, @"Accuracy on claims-test\.csv: (\d+\.\d\d) % of 60 texts");
        Assert.True(accuracy.Success, evaluate.ToString());
        // The categories are told apart by marker words; the tiny model gets them all (measured: 100.00 %).
        Assert.True(double.Parse(accuracy.Groups[1].Value, CultureInfo.InvariantCulture) >= 95, evaluate.ToString());
        PngFile.AssertDrawnImage(folder.Combine("report", "confusion-matrix.png"), 600, 500);

        var output = folder.Combine("predictions.csv");
        var predict = await GluonTextRun.RunAsync("predict", "--model", bundle, "--input", data, "-o", output, "--top", "2", "--review-below", "0.9", "--excel");
        Assert.True(predict.ExitCode == 0, predict.ToString());
        Assert.Contains("(152 rows: 151 classified, 1 with an error;", predict.Out, StringComparison.Ordinal);
        Assert.Equal([0xEF, 0xBB, 0xBF], File.ReadAllBytes(output)[..3]);
        var rows = ReadCsv(output);
        Assert.Equal(["id", "description", "category", "prediction", "probability", "label_2", "probability_2", "needs_review", "error"], rows[0]);
        var bad = rows.Single(row => row[0] == "bad-1");
        Assert.Equal(["", "", "", "", "true"], bad[3..8]);
        var japanese = rows.Single(row => row[0] == "jp-1");
        Assert.Equal(TinyClaimsData.JapaneseText, japanese[1]);
        Assert.Equal("water", japanese[3]);
        var input = ReadCsv(data);
        Assert.Equal(input.Count, rows.Count);
        Assert.Equal(input.Select(row => row[..3]), rows.Select(row => row[..3]));
        var classified = rows.Skip(1).Where(row => row[8].Length == 0).ToList();
        Assert.Equal(151, classified.Count);
        int right = classified.Count(row => row[3] == row[2]);
        Assert.True(right >= 0.95 * classified.Count, $"{right} of {classified.Count} predictions are the row's category");
        Assert.All(classified, row =>
        {
            Assert.Contains(row[3], TinyClaimsData.Labels);
            Assert.NotEqual(row[3], row[5]);
            Assert.Equal(double.Parse(row[4], CultureInfo.InvariantCulture) < 0.9 ? "true" : "false", row[7]);
        });

        var single = await GluonTextRun.RunAsync("predict", "--model", bundle, "--text", TinyClaimsData.EasyFireText, "--top", "3");
        Assert.True(single.ExitCode == 0, single.ToString());
        Assert.Matches(@"^Label: fire \(probability \d\.\d{4}\)\r?\nTop 3:\r?\n  fire +\d\.\d{4}\r?\n  (theft|water) +\d\.\d{4}\r?\n  (theft|water) +\d\.\d{4}\r?\n", single.Out);
    }

    [Fact]
    public async Task EvaluateAndPredictTakeSageMakersModelTarGzAsItIs()
    {
        using var folder = new TemporaryDirectory();
        var data = TinyClaimsData.Write(folder.Combine("claims.csv"), rows: 150, seed: 3, withBadAndJapaneseRows: false);
        var modelFolder = folder.Combine("opt-ml-model");
        var train = await GluonTextRun.RunAsync("train", "--data", data, "--text-column", "description", "--label-column", "category", "--config", WriteConfig(folder), "-o", modelFolder);
        Assert.True(train.ExitCode == 0, train.ToString());
        var archive = folder.Combine("model.tar.gz");
        using (var file = File.Create(archive))
        using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
        {
            TarFile.CreateFromDirectory(modelFolder, gzip, includeBaseDirectory: false);
        }

        var evaluate = await GluonTextRun.RunAsync("evaluate", "--model", archive, "--data", data);
        var single = await GluonTextRun.RunAsync("predict", "--model", archive, "--text", TinyClaimsData.EasyFireText);

        Assert.True(evaluate.ExitCode == 0, evaluate.ToString());
        Assert.True(File.Exists(folder.Combine("model-report", "confusion-matrix.png")), evaluate.ToString());
        Assert.True(single.ExitCode == 0, single.ToString());
        Assert.StartsWith("Label: fire ", single.Out, StringComparison.Ordinal);
    }

    private static string WriteConfig(TemporaryDirectory folder)
    {
        var path = folder.Combine("tiny.json");
        File.WriteAllText(path, GluonTextRun.TinyConfig);
        return path;
    }

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
