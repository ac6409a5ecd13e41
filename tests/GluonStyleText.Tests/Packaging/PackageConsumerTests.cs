using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace GluonStyleText.Tests.Packaging;

/// <summary>
/// The packages as a user gets them: packed from the sources, added to a fresh console app with
/// <c>dotnet add package</c> from a local folder feed, built and run to train and predict.
/// </summary>
// Slow (minutes: packs, restores, builds and runs): in the default run and CI; exclude locally with
// dotnet test --filter "Category!=Slow" (README.md, DEVELOPERS.md).
[Trait("Category", "Packaging")]
[Trait("Category", "Slow")]
public sealed partial class PackageConsumerTests(PackedFeedFixture feed) : IClassFixture<PackedFeedFixture>
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData("GluonStyleText")]
    [InlineData("GluonStyleText.Aws")]
    public void ThePackageHoldsReadmeLicenseXmlDocsAndItsSymbolsPackageExists(string id)
    {
        using var package = ZipFile.OpenRead(feed.Package(id));
        var entries = package.Entries.Select(entry => entry.FullName).ToHashSet(StringComparer.Ordinal);
        var nuspec = ReadNuspec(package, id);
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;

        Assert.Equal(feed.Version, (string?)metadata.Element(ns + "version"));
        Assert.Contains("README.md", entries);
        Assert.Equal("README.md", (string?)metadata.Element(ns + "readme"));
        Assert.Equal("expression", (string?)metadata.Element(ns + "license")?.Attribute("type"));
        Assert.Equal("MIT", (string?)metadata.Element(ns + "license"));
        Assert.False(string.IsNullOrWhiteSpace((string?)metadata.Element(ns + "description")));
        foreach (var framework in new[] { "net8.0", "net10.0" })
        {
            Assert.Contains($"lib/{framework}/{id}.dll", entries);
            Assert.Contains($"lib/{framework}/{id}.xml", entries);
            Assert.Contains($"<member name=\"T:{id}.", ReadEntry(package, $"lib/{framework}/{id}.xml"), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(entries, entry => entry.EndsWith(".pdb", StringComparison.Ordinal));
        using var symbols = ZipFile.OpenRead(feed.Package(id, "snupkg"));
        Assert.Contains($"lib/net10.0/{id}.pdb", symbols.Entries.Select(entry => entry.FullName));
    }

    [Fact]
    public void TheCorePackageShipsTheTorchSharpPatchForOlderLinuxAndDependsOnTorchSharpOnly()
    {
        using var package = ZipFile.OpenRead(feed.Package("GluonStyleText"));
        var entries = package.Entries.Select(entry => entry.FullName).ToList();
        var nuspec = ReadNuspec(package, "GluonStyleText");
        var dependencies = nuspec.Descendants().Where(element => element.Name.LocalName == "dependency").Select(element => (string)element.Attribute("id")!).ToList();

        // NuGet imports buildTransitive/<package id>.targets into every project that references the package, directly or not.
        Assert.Contains("buildTransitive/GluonStyleText.targets", entries);
        Assert.Contains("buildTransitive/patch-libtorchsharp.sh", entries);
        Assert.Contains("TorchSharp", dependencies);
        Assert.DoesNotContain(dependencies, id => id.StartsWith("libtorch", StringComparison.Ordinal) || id.StartsWith("TorchSharp-", StringComparison.Ordinal));
    }

    [Fact]
    public void TheAwsPackageCarriesNoTorchSharpSoALambdaCanReferenceIt()
    {
        using var package = ZipFile.OpenRead(feed.Package("GluonStyleText.Aws"));
        var dependencies = ReadNuspec(package, "GluonStyleText.Aws").Descendants()
            .Where(element => element.Name.LocalName == "dependency")
            .Select(element => (string)element.Attribute("id")!)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        // The model side (the core, TorchSharp, CsvHelper, ScottPlot) runs in the container host only.
        Assert.Equal(["AWSSDK.Core", "AWSSDK.S3", "Microsoft.Extensions.Logging.Abstractions"], dependencies);
    }

    [Theory]
    [InlineData("AWSSDK.Core")]
    [InlineData("AWSSDK.S3")]
    public void TheAwsPackageAcceptsEveryAwsSdk4FromTheOneItIsBuiltWith(string id)
    {
        using var package = ZipFile.OpenRead(feed.Package("GluonStyleText.Aws"));
        var ranges = ReadNuspec(package, "GluonStyleText.Aws").Descendants()
            .Where(element => element.Name.LocalName == "dependency" && (string?)element.Attribute("id") == id)
            .Select(element => ((string)element.Attribute("version")!).Replace(" ", string.Empty, StringComparison.Ordinal))
            .ToList();

        // One dependency per target framework, each from 4.1.0 (inclusive) up to 5.0.0 (exclusive):
        // an application on any newer 4.x restores it without a downgrade or a conflict.
        Assert.Equal(2, ranges.Count);
        Assert.All(ranges, range => Assert.Equal("[4.1.0,5.0.0)", range));
        Assert.Equal("[4.1.0,5.0.0)", feed.PinnedVersion(id));
    }

    [Fact]
    public void AnAppOnANewerAwsSdkRestoresTheAwsPackageWithoutAVersionWarning()
    {
        // No AWSSDK newer than 4.1.0 is served to this machine, so stand-ins of a 4.x no release
        // has take their place: AWSSDK.S3 depending on AWSSDK.Core of the same version.
        var newer = $"4.999.0-rangecheck.{Guid.NewGuid():N}";
        var standIns = Directory.CreateDirectory(Path.Combine(feed.Root, "stand-ins")).FullName;
        StandInPackage.Write(standIns, "AWSSDK.Core", newer);
        StandInPackage.Write(standIns, "AWSSDK.S3", newer, ("AWSSDK.Core", $"[{newer}, 5.0.0)"));
        var app = Path.Combine(feed.Root, "NewerSdkApp");
        try
        {
            Dotnet(feed.Root, "new", "console", "--framework", "net10.0", "--name", "NewerSdkApp", "--output", app, "--no-restore");
            File.WriteAllText(Path.Combine(app, "nuget.config"), NugetConfig(feed.Feed, standIns));
            File.WriteAllText(Path.Combine(app, "Directory.Build.props"), "<Project />");
            File.WriteAllText(Path.Combine(app, "Directory.Build.targets"), "<Project />");
            File.WriteAllText(Path.Combine(app, "Directory.Packages.props"), "<Project />");
            Dotnet(app, "add", "package", "GluonStyleText.Aws", "--version", feed.Version, "--no-restore");
            Dotnet(app, "add", "package", "AWSSDK.S3", "--version", newer, "--no-restore");

            // An exact pin would make this report NU1107 (conflict) or NU1608 (resolved outside a
            // dependency's range); with warnings as errors either fails the restore.
            var restore = Dotnet(app, "restore", "-p:TreatWarningsAsErrors=true");

            Assert.DoesNotContain("NU16", restore.Output, StringComparison.Ordinal);
            var libraries = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(app, "obj", "project.assets.json")))
                .RootElement.GetProperty("libraries").EnumerateObject().Select(library => library.Name).ToList();
            Assert.Contains($"GluonStyleText.Aws/{feed.Version}", libraries);
            Assert.Contains($"AWSSDK.S3/{newer}", libraries);
            Assert.Contains($"AWSSDK.Core/{newer}", libraries);
        }
        finally
        {
            PackedFeedFixture.RemoveFromPackageCache(["awssdk.core", "awssdk.s3"], newer);
        }
    }

    [Fact]
    public void AFreshConsoleAppAddsThePackageFromTheLocalFeedTrainsAndPredicts()
    {
        var app = Path.Combine(feed.Root, "ClaimsApp");
        Dotnet(feed.Root, "new", "console", "--framework", "net10.0", "--name", "ClaimsApp", "--output", app, "--no-restore");
        File.WriteAllText(Path.Combine(app, "nuget.config"), NugetConfig(feed.Feed));
        // Stops MSBuild from looking above the app for build settings a user's machine would not have.
        File.WriteAllText(Path.Combine(app, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(app, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(app, "Directory.Packages.props"), "<Project />");

        Dotnet(app, "add", "package", "GluonStyleText", "--version", feed.Version);
        // The native backend is the application's choice; this is the package Directory.Build.targets adds for this OS.
        var backend = CpuBackendPackage();
        Dotnet(app, "add", "package", backend, "--version", feed.PinnedVersion(backend));
        File.WriteAllText(Path.Combine(app, "Program.cs"), ConsumerProgram);
        Dotnet(app, "build");
        TorchSharpPatchCheck.AssertPatchedWhereNeeded(Path.Combine(app, "bin", "Debug", "net10.0", "runtimes", "linux-x64", "native"));

        var run = Dotnet(app, "run", "--no-build");

        Assert.Matches(PredictionLine(), run.Output);
        Assert.Contains("trained: 10 epochs", run.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(app, "claims-model.zip")));
    }

    private static string CpuBackendPackage() =>
        OperatingSystem.IsWindows() ? "libtorch-cpu-win-x64"
        : OperatingSystem.IsMacOS() ? "libtorch-cpu-osx-arm64"
        : RuntimeInformation.OSArchitecture == Architecture.X64 ? "libtorch-cpu-linux-x64"
        : throw new PlatformNotSupportedException("TorchSharp has no CPU backend package for this platform.");

    private static ProcessResult Dotnet(string directory, params string[] arguments) =>
        ProcessRunner.Run(ProcessRunner.Dotnet, arguments, directory, CommandTimeout).EnsureSuccess();

    private static XDocument ReadNuspec(ZipArchive package, string id) => XDocument.Parse(ReadEntry(package, $"{id}.nuspec"));

    private static string ReadEntry(ZipArchive package, string name)
    {
        using var reader = new StreamReader(package.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    private static string NugetConfig(string feedFolder, string? standInFolder = null)
    {
        var standIns = standInFolder is null ? string.Empty : $"""<add key="stand-ins" value="{standInFolder}" />""";
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feedFolder}" />
                {standIns}
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """;
    }

    [GeneratedRegex(@"^prediction: fire (0\.\d{3}|1\.000)\r?$", RegexOptions.Multiline)]
    private static partial Regex PredictionLine();

    /// <summary>What a claims team's first program looks like: a handful of labeled claims, a bundle, one prediction.</summary>
    private const string ConsumerProgram = """
        using System.Globalization;
        using GluonStyleText.Options;
        using GluonStyleText.Prediction;
        using GluonStyleText.Training;

        string[] texts =
        [
            "burn damage to the flux capacitor after the reactor overheated",
            "the heater overheated and caused burn damage to the cabinet",
            "smoke and burn marks after the toaster overheated",
            "fire in the kitchen, the stove overheated and burned the wall",
            "the battery overheated and burned the charging cable",
            "burn damage on the roof after the chimney fire",
            "water leak under the sink soaked the floor",
            "the washing machine leaked water into the basement",
            "a burst pipe caused a water leak in the ceiling",
            "water damage to the carpet from a leaking radiator",
            "the dishwasher hose leaked water under the cabinet",
            "rain water leaked through the roof into the attic",
        ];
        string[] labels = ["fire", "fire", "fire", "fire", "fire", "fire", "water", "water", "water", "water", "water", "water"];

        var options = new TextClassifierOptions
        {
            VocabularySize = 100,
            SequenceLength = 16,
            EmbeddingSize = 16,
            BatchSize = 4,
            Epochs = 10,
            LearningRate = 0.05,
            Seed = 1,
        };
        var bundle = Path.Combine(Environment.CurrentDirectory, "claims-model.zip");
        var result = new TextClassifierTrainer(options).Train(texts, labels, bundle);
        Console.WriteLine($"trained: {result.Training.History.Count} epochs");

        using var classifier = TextClassifier.Load(bundle);
        var answer = classifier.Predict("burn damage after the heater overheated");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"prediction: {answer.Label} {answer.Probability:0.000}"));
        """;
}
