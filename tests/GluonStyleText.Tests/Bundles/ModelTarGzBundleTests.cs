using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using GluonStyleText.Bundles;
using GluonStyleText.Prediction;
using GluonStyleText.Tests.Evaluation;
using GluonStyleText.Tests.Options;

namespace GluonStyleText.Tests.Bundles;

/// <summary>
/// The <c>model.tar.gz</c> a SageMaker training job uploads (a gzip'd tar of <c>/opt/ml/model</c>, which holds the
/// bundle's files) is a bundle as it is; a tar.gz that could write outside its folder, link elsewhere, claim a huge
/// entry or stop half-way is refused naming the file and the entry.
/// </summary>
[Collection(GluonStyleText.Tests.Training.SerialTorchCollection.Name)]
public sealed class ModelTarGzBundleTests(TinyClassifierFixture fixture) : IClassFixture<TinyClassifierFixture>, IDisposable
{
    private readonly TemporaryDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AModelTarGzLoadsAndPredictsExactlyAsTheFolder(bool asTarCommand)
    {
        var path = BundleEdits.TarGz(fixture.BundlePath, Path.Combine(_temp.Path, "model.tar.gz"), asTarCommand);

        using var loaded = TextClassifier.Load(path);

        var (texts, _) = TinyClassifierFixture.Reviews(40, seed: 14);
        Assert.Equal(fixture.Classifier.PredictProbabilities(texts), loaded.PredictProbabilities(texts));
        Assert.Equal(fixture.Classifier.Bundle.ModelHash, loaded.Bundle.ModelHash);
        Assert.Equal(fixture.Classifier.Labels, loaded.Labels);
        Assert.Equal(["model.tar.gz"], BundleEdits.Leftovers(_temp.Path));
    }

    [Fact]
    public void ATarGzFromTarFileCreateFromDirectoryLoadsWhateverItIsCalled()
    {
        var path = Path.Combine(_temp.Path, "downloaded-model");
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
        {
            TarFile.CreateFromDirectory(fixture.BundlePath, gzip, includeBaseDirectory: false);
        }

        using var bundle = ModelBundle.Load(path);

        Assert.Equal(fixture.Classifier.Bundle.ModelHash, bundle.ModelHash);
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("./../x")]
    [InlineData("/tmp/x")]
    [InlineData("model/../../x")]
    public void ATarGzWithAnEntryOutsideTheBundleIsRefusedAndNothingIsWrittenThere(string entry)
    {
        var path = BundleEdits.TarGz(fixture.BundlePath, Path.Combine(_temp.Path, "evil.tar.gz"), asTarCommand: false,
            BundleEdits.NewTarEntry(TarEntryType.RegularFile, entry, contents: "echo owned"));
        var outside = Path.Combine(Path.GetTempPath(), "x");
        var existedBefore = File.Exists(outside);

        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(path));

        Assert.Equal(path, error.BundlePath);
        Assert.Contains($"unexpected entry '{entry}' (a path outside the bundle)", error.Message, StringComparison.Ordinal);
        Assert.Equal(existedBefore, File.Exists(outside));
    }

    [Theory]
    [InlineData(TarEntryType.SymbolicLink, "symbolic link to '/etc/passwd'")]
    [InlineData(TarEntryType.HardLink, "hard link to '/etc/passwd'")]
    public void ATarGzWithALinkIsRefusedNamingTheEntryAndItsTarget(TarEntryType type, string problem)
    {
        // A link named like a part, so that only its being a link can refuse it.
        var copy = BundleEdits.CopyFolder(fixture.BundlePath, Path.Combine(_temp.Path, "without-labels"));
        File.Delete(Path.Combine(copy, BundleFiles.Labels));
        var path = BundleEdits.TarGz(copy, Path.Combine(_temp.Path, "link.tar.gz"), asTarCommand: true,
            BundleEdits.NewTarEntry(type, "./" + BundleFiles.Labels, asTarCommand: true, linkName: "/etc/passwd"));

        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(path));

        Assert.Contains($"entry './{BundleFiles.Labels}' is a {problem}; a bundle holds only regular files", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TarEntryType.Directory, "model/", "unexpected folder 'model/'")]
    [InlineData(TarEntryType.Fifo, BundleFiles.Labels, "entry 'labels.json' is a Fifo entry")]
    [InlineData(TarEntryType.RegularFile, "run.sh", "unexpected entry 'run.sh'")]
    [InlineData(TarEntryType.RegularFile, BundleFiles.Options, "entry 'options.json' appears twice")]
    public void ATarGzWithAnythingButTheBundlesFilesIsRefusedNamingTheEntry(TarEntryType type, string name, string problem)
    {
        var path = BundleEdits.TarGz(fixture.BundlePath, Path.Combine(_temp.Path, "other.tar.gz"), asTarCommand: false,
            BundleEdits.NewTarEntry(type, name, contents: type == TarEntryType.RegularFile ? "{}" : null));

        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(path));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.98)]
    [InlineData(0.01)]
    public void ATruncatedTarGzIsRefusedAsTruncated(double keep)
    {
        var bytes = File.ReadAllBytes(BundleEdits.TarGz(fixture.BundlePath, Path.Combine(_temp.Path, "whole.tar.gz")));
        var path = Path.Combine(_temp.Path, "cut.tar.gz");
        File.WriteAllBytes(path, bytes[..(int)(bytes.Length * keep)]);

        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(path));

        Assert.Contains("cut.tar.gz", error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEntryClaimingMoreThanItsLimitIsRefusedBeforeAnythingIsExtracted()
    {
        // A ustar header's size field (12 octal digits at offset 124) edited to 2 GiB, its checksum brought up to date.
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: true))
        {
            writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, BundleFiles.Labels) { DataStream = new MemoryStream("{}"u8.ToArray()) });
        }

        var bytes = tar.ToArray();
        Encoding.ASCII.GetBytes(Convert.ToString(2L << 30, 8).PadLeft(11, '0') + "\0").CopyTo(bytes, 124);
        "        "u8.CopyTo(bytes.AsSpan(148));
        var checksum = bytes.AsSpan(0, 512).ToArray().Sum(b => b);
        Encoding.ASCII.GetBytes(Convert.ToString(checksum, 8).PadLeft(6, '0') + "\0 ").CopyTo(bytes, 148);
        var path = Path.Combine(_temp.Path, "huge.tar.gz");
        File.WriteAllBytes(path, BundleEdits.Gzip(bytes));

        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(path));

        Assert.Contains(string.Create(CultureInfo.CurrentCulture, $"entry 'labels.json' is {2L << 30:N0} bytes, over the limit of {1L << 30:N0}"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATarGzOfATamperedBundleIsRefusedByTheBundlesOwnChecks()
    {
        var copy = BundleEdits.CopyFolder(fixture.BundlePath, Path.Combine(_temp.Path, "tampered"));
        BundleEdits.FlipByte(Path.Combine(copy, BundleFiles.Weights), 100);
        var path = BundleEdits.TarGz(copy, Path.Combine(_temp.Path, "tampered.tar.gz"), asTarCommand: true);

        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(path));

        Assert.Contains($"{BundleFiles.Weights} has been modified or corrupted", error.Message, StringComparison.Ordinal);
    }
}
