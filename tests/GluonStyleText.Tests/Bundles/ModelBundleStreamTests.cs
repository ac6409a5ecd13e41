using System.IO.Compression;
using System.Text;
using GluonStyleText.Bundles;
using GluonStyleText.Prediction;
using GluonStyleText.Tests.Data;
using GluonStyleText.Tests.Evaluation;
using GluonStyleText.Tests.Options;

namespace GluonStyleText.Tests.Bundles;

/// <summary>A bundle held in a stream (an upload, a bundle kept in memory) loads as the same bundle from its path, and the stream stays the caller's.</summary>
[Collection(GluonStyleText.Tests.Training.SerialTorchCollection.Name)]
public sealed class ModelBundleStreamTests(TinyClassifierFixture fixture) : IClassFixture<TinyClassifierFixture>, IDisposable
{
    private readonly TemporaryDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string> Streams() => ["memory", "forward-only", "memory, not at its start"];

    [Theory]
    [MemberData(nameof(Streams))]
    public void AZipFromAStreamPredictsExactlyAsTheZipFromItsPath(string kind)
    {
        var zip = BundleEdits.Zip(fixture.BundlePath, Path.Combine(_temp.Path, "bundle.zip"));
        using var fromPath = TextClassifier.Load(zip);
        var leftoversBefore = TemporaryBundleFolders();
        using var stream = Open(File.ReadAllBytes(zip), kind);

        using var fromStream = TextClassifier.Load(stream, "upload.zip");

        var (texts, _) = TinyClassifierFixture.Reviews(40, seed: 12);
        Assert.Equal(fromPath.PredictProbabilities(texts), fromStream.PredictProbabilities(texts));
        Assert.Equal(fromPath.Bundle.ModelHash, fromStream.Bundle.ModelHash);
        Assert.Equal(fromPath.Labels, fromStream.Labels);
        Assert.True(stream.CanRead, "The caller's stream was disposed.");
        Assert.Equal(leftoversBefore, TemporaryBundleFolders());
        Assert.Equal(["bundle.zip"], BundleEdits.Leftovers(_temp.Path));
    }

    [Fact]
    public void AModelTarGzFromAStreamPredictsExactlyAsTheFolder()
    {
        var bytes = BundleEdits.Gzip(BundleEdits.Tar(fixture.BundlePath, asTarCommand: true));
        using var stream = new ForwardOnlyStream(bytes);

        using var bundle = ModelBundle.Load(stream, "model.tar.gz");

        using var classifier = new TextClassifier(bundle);
        var (texts, _) = TinyClassifierFixture.Reviews(40, seed: 13);
        Assert.Equal(fixture.Classifier.PredictProbabilities(texts), classifier.PredictProbabilities(texts));
        Assert.False(stream.Disposed);
        Assert.True(stream.AtEnd);
    }

    [Theory]
    [InlineData("empty", "the file is empty")]
    [InlineData("csv", "neither a zip file nor a .tar.gz: it starts with bytes 73656E74")]
    [InlineData("gzip of text", "not a readable .tar.gz file")]
    [InlineData("zip of other files", "unexpected entry 'notes.txt'")]
    [InlineData("empty zip", "bundle.json is missing; this is not a GluonStyleText model bundle")]
    public void AStreamThatIsNotABundleIsRefusedNamingIt(string kind, string problem)
    {
        byte[] bytes = kind switch
        {
            "empty" => [],
            "csv" => Encoding.UTF8.GetBytes("sentiment,review\npos,great\n"),
            "gzip of text" => BundleEdits.Gzip(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("sentiment,review\npos,great\n", 100)))),
            "zip of other files" => ZipOf(("notes.txt", "hello")),
            _ => ZipOf(),
        };
        using var stream = new MemoryStream(bytes);

        var error = Assert.Throws<BundleFormatException>(() => TextClassifier.Load(stream, "upload.bin"));

        Assert.Equal("upload.bin", error.BundlePath);
        Assert.StartsWith("Model bundle 'upload.bin': ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATamperedBundleInAStreamIsRefusedByTheSameChecksAsOnDisk()
    {
        var copy = BundleEdits.CopyFolder(fixture.BundlePath, Path.Combine(_temp.Path, "tampered"));
        BundleEdits.FlipByte(Path.Combine(copy, BundleFiles.Weights), 100);
        using var stream = new MemoryStream(File.ReadAllBytes(BundleEdits.Zip(copy, Path.Combine(_temp.Path, "tampered.zip"))));

        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(stream, "tampered.zip"));

        Assert.Contains($"{BundleFiles.Weights} has been modified or corrupted", error.Message, StringComparison.Ordinal);
    }

    private static Stream Open(byte[] bytes, string kind)
    {
        switch (kind)
        {
            case "memory":
                return new MemoryStream(bytes);
            case "forward-only":
                return new ForwardOnlyStream(bytes);
            default:
                var stream = new MemoryStream([.. "not part of the bundle"u8, .. bytes]);
                stream.Position = "not part of the bundle"u8.Length;
                return stream;
        }
    }

    private static byte[] ZipOf(params (string Name, string Contents)[] entries)
    {
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, contents) in entries)
            {
                using var writer = new StreamWriter(archive.CreateEntry(name).Open());
                writer.Write(contents);
            }
        }

        return zip.ToArray();
    }

    private static string[] TemporaryBundleFolders() =>
        [.. Directory.EnumerateDirectories(Path.GetTempPath(), "gluonstyletext-bundle-*").Order(StringComparer.Ordinal)];
}
