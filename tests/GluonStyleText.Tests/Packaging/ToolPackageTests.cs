using System.Globalization;
using System.IO.Compression;
using CsvHelper;
using GluonStyleText.Tests.Cli;
using Xunit.Abstractions;

namespace GluonStyleText.Tests.Packaging;

/// <summary>
/// The <c>gluontext</c> tool as a user gets it: packed from the sources, installed with
/// <c>dotnet tool install --tool-path DIR --add-source FEED</c>, and run on a claims file with its own
/// column names, string labels, an empty-text row and a Japanese row.
/// </summary>
// Slow (minutes: packs, restores, builds and runs): in the default run and CI; exclude locally with
// dotnet test --filter "Category!=Slow" (README.md, DEVELOPERS.md).
[Trait("Category", "Packaging")]
[Trait("Category", "Slow")]
public sealed class ToolPackageTests(PackedToolFixture tool, ITestOutputHelper log) : IClassFixture<PackedToolFixture>
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public void ThePackageIsADotnetToolCalledGluontextThatCarriesThePatchedCpuBackend()
    {
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pack {tool.PackTime.TotalSeconds:0.0} s, install {tool.InstallTime.TotalSeconds:0.0} s, package {new FileInfo(tool.Package).Length / 1e6:0} MB"));
        using var package = ZipFile.OpenRead(tool.Package);
        var entries = package.Entries.Select(entry => entry.FullName).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("tools/net10.0/any/DotnetToolSettings.xml", entries);
        using (var settings = new StreamReader(package.GetEntry("tools/net10.0/any/DotnetToolSettings.xml")!.Open()))
        {
            Assert.Contains("<Command Name=\"gluontext\"", settings.ReadToEnd(), StringComparison.Ordinal);
        }

        if (OperatingSystem.IsLinux())
        {
            Assert.Contains("tools/net10.0/any/runtimes/linux-x64/native/libtorch_cpu.so", entries);

            // The installed copy is what runs; it must be the patched one where this system needs it.
            var installed = Directory.GetFiles(tool.ToolPath, "libLibTorchSharp.so", SearchOption.AllDirectories);
            Assert.NotEmpty(installed);
            Assert.All(installed, library => TorchSharpPatchCheck.AssertPatchedWhereNeeded(Path.GetDirectoryName(library)!));
        }
    }

    [Fact]
    public void TheInstalledToolTrainsOnCustomColumnsAndStringLabelsThenPredictsAndEvaluates()
    {
        var work = Directory.CreateDirectory(Path.Combine(tool.Root, "claims")).FullName;
        var data = TinyClaimsData.Write(Path.Combine(work, "claims.csv"), rows: 150, seed: 1);
        var test = TinyClaimsData.Write(Path.Combine(work, "claims-test.csv"), rows: 60, seed: 2, withBadAndJapaneseRows: false);
        var config = Path.Combine(work, "tiny.json");
        File.WriteAllText(config, GluonTextRun.TinyConfig);

        // No --output: the bundle is named after the data file, in the current folder.
        var train = Gluontext(work, "train", "--data", "claims.csv", "--text-column", "description", "--label-column", "category", "--config", config);
        var bundle = Path.Combine(work, "claims-model.zip");
        Assert.True(File.Exists(bundle), train.Output);
        Assert.Contains($"Model bundle: {bundle}", train.Output, StringComparison.Ordinal);
        Assert.Contains("Labels: 3 (fire, theft, water)", train.Output, StringComparison.Ordinal);
        // The reader's summary, as the core logs it: the empty-text row is the one rejected.
        Assert.Contains("152 rows read, 151 accepted, 1 rejected (EmptyText 1)", train.Output, StringComparison.Ordinal);

        var output = Path.Combine(work, "claims-labeled.csv");
        var predict = Gluontext(work, "predict", "--model", bundle, "--input", data, "-o", output, "--top", "2", "--review-below", "0.5", "--excel");
        Assert.Contains("(152 rows: 151 classified, 1 with an error;", predict.Output, StringComparison.Ordinal);
        var rows = ReadCsv(output);
        Assert.Equal(["id", "description", "category", "prediction", "probability", "label_2", "probability_2", "needs_review", "error"], rows[0]);
        Assert.Contains("the text is empty", rows.Single(row => row[0] == "bad-1")[8], StringComparison.Ordinal);
        var japanese = rows.Single(row => row[0] == "jp-1");
        Assert.Equal([TinyClaimsData.JapaneseText, "water", "water"], [japanese[1], japanese[2], japanese[3]]);
        var classified = rows.Skip(1).Where(row => row[8].Length == 0).ToList();
        Assert.Equal(151, classified.Count);
        Assert.All(classified, row => Assert.Contains(row[3], TinyClaimsData.Labels));
        Assert.True(classified.Count(row => row[3] == row[2]) >= 140, "the toy set is easy: nearly every training row should come back right");

        var single = Gluontext(work, "predict", "--model", bundle, "--text", TinyClaimsData.EasyFireText);
        Assert.Matches(@"(?m)^Label: fire \(probability 0?\.?\d", single.Output);

        var evaluate = Gluontext(work, "evaluate", "--model", bundle, "--data", test);
        Assert.Matches(@"Accuracy on claims-test\.csv: (9\d|100)\.\d\d % of 60 texts", evaluate.Output);
        Assert.True(File.Exists(Path.Combine(work, "claims-model-report", "confusion-matrix.png")));
    }

    private ProcessResult Gluontext(string directory, params string[] arguments)
    {
        var result = ProcessRunner.Run(tool.Command, arguments, directory, RunTimeout).EnsureSuccess();
        log.WriteLine($"$ gluontext {string.Join(' ', arguments)}");
        log.WriteLine(result.Output);
        return result;
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
