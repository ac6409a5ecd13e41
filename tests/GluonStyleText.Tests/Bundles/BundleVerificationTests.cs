using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GluonStyleText.Bundles;
using GluonStyleText.Models;
using GluonStyleText.Options;
using GluonStyleText.Tests.Evaluation;
using GluonStyleText.Tests.Options;

namespace GluonStyleText.Tests.Bundles;

/// <summary>Loading refuses a tampered, incomplete, mismatched or unknown bundle with a message that names what is wrong.</summary>
[Collection(GluonStyleText.Tests.Training.SerialTorchCollection.Name)]
public sealed class BundleVerificationTests(TinyClassifierFixture fixture) : IClassFixture<TinyClassifierFixture>, IDisposable
{
    private readonly TemporaryDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void AnUntouchedCopyLoads()
    {
        var copy = Copy();

        using var bundle = ModelBundle.Load(copy);

        Assert.Equal(fixture.Classifier.Bundle.ModelHash, bundle.ModelHash);
    }

    [Fact]
    public void OneFlippedByteInTheWeightsIsRefusedNamingThePartAndBothHashes()
    {
        var copy = Copy();
        var weights = Path.Combine(copy, BundleFiles.Weights);
        var expected = Sha256(weights);
        BundleEdits.FlipByte(weights, new FileInfo(weights).Length / 2);

        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(copy));

        Assert.Contains(BundleFiles.Weights, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(Sha256(weights), error.Message, StringComparison.Ordinal);
        Assert.Equal(copy, error.BundlePath);
    }

    [Theory]
    [InlineData(BundleFiles.Transformer)]
    [InlineData(BundleFiles.Labels)]
    [InlineData(BundleFiles.Options)]
    [InlineData(BundleFiles.Metrics)]
    public void AnEditedJsonPartIsRefusedNamingIt(string part)
    {
        var copy = Copy();
        var path = Path.Combine(copy, part);
        // A same-length edit, so only the hash can tell.
        var text = File.ReadAllText(path);
        var edited = part switch
        {
            BundleFiles.Transformer => text.Replace("\"great\"", "\"grate\"", StringComparison.Ordinal),
            BundleFiles.Labels => text.Replace("\"pos\"", "\"pas\"", StringComparison.Ordinal),
            BundleFiles.Options => text.Replace("\"seed\": 5", "\"seed\": 6", StringComparison.Ordinal),
            _ => text.Replace("\"Count\": ", "\"Count\":", StringComparison.Ordinal) + " ",
        };
        Assert.NotEqual(text, edited);
        File.WriteAllText(path, edited);

        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(copy));

        Assert.Contains($"{part} has been modified or corrupted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEditedConfigurationWithARecomputedHashIsRefusedByTheConsistencyCheck()
    {
        var copy = Copy();
        BundleEdits.EditJson(copy, BundleFiles.Options, options => options["n_classes"] = 3);
        BundleEdits.Rehash(copy, BundleFiles.Options);

        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(copy));

        Assert.Contains("labels.json has 2 labels but n_classes is 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AVocabularyLargerThanTheConfigurationIsRefused()
    {
        var copy = Copy();
        BundleEdits.EditJson(copy, BundleFiles.Transformer, transformer =>
        {
            // The transformer's own limit is raised too, so that only the comparison with options.json can tell.
            transformer["options"]!["vocab_size"] = 100;
            var words = transformer["vocabulary"]!.AsArray();
            for (var i = 0; words.Count <= fixture.Classifier.Bundle.Options.VocabularySize; i++)
            {
                words.Add($"extra{i}");
            }
        });
        BundleEdits.Rehash(copy, BundleFiles.Transformer);

        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(copy));

        Assert.Contains("transformer.json has 41 words but vocab_size is 40", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFutureFormatVersionIsRefusedNamingBothVersions()
    {
        var copy = Copy();
        BundleEdits.EditJson(copy, BundleFiles.Manifest, manifest => manifest["format_version"] = BundleManifest.CurrentVersion + 1);

        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(copy));

        Assert.Contains($"format version {BundleManifest.CurrentVersion + 1}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"reads version {BundleManifest.CurrentVersion}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnotherFormatIsRefused()
    {
        var copy = Copy();
        BundleEdits.EditJson(copy, BundleFiles.Manifest, manifest => manifest["format"] = "pytorch-pickle");

        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(copy));

        Assert.Contains("pytorch-pickle", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WeightsOfAnotherVocabularySizeAreRefusedNamingTheTensorAndBothShapes()
    {
        var copy = Copy();
        var options = fixture.Classifier.Bundle.Options;
        var larger = TextClassifierOptionsLoader.LoadJson(TextClassifierOptionsLoader.ToJson(options), "test").Options;
        larger.VocabularySize = options.VocabularySize + 20;
        using (var other = TextClassifierModelFactory.Create(larger))
        {
            other.save(Path.Combine(copy, BundleFiles.Weights));
        }

        BundleEdits.Rehash(copy, BundleFiles.Weights);

        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(copy));

        var embedding = EmbeddingParameterName();
        Assert.Contains($"'{embedding}'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"[{options.VocabularySize + 20}, {options.EmbeddingSize}]", error.Message, StringComparison.Ordinal);
        Assert.Contains($"[{options.VocabularySize}, {options.EmbeddingSize}]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ManifestShapesThatDisagreeWithTheConfigurationAreRefusedNamingTheTensor()
    {
        var copy = Copy();
        var embedding = EmbeddingParameterName();
        BundleEdits.EditJson(copy, BundleFiles.Manifest, manifest => manifest["parameters"]![embedding] = new JsonArray(60, 16));

        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(copy));

        Assert.Contains($"'{embedding}' has shape [60, 16]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedWeightsWithARecomputedHashAreRefused()
    {
        var copy = Copy();
        var weights = Path.Combine(copy, BundleFiles.Weights);
        var bytes = File.ReadAllBytes(weights);
        File.WriteAllBytes(weights, bytes[..(bytes.Length - 10)]);
        BundleEdits.Rehash(copy, BundleFiles.Weights);

        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(copy));

        Assert.Contains(BundleFiles.Weights, error.Message, StringComparison.Ordinal);
        Assert.Contains("ends early", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APickleInPlaceOfTheWeightsIsRefusedWithoutBeingRun()
    {
        var copy = Copy();
        // The start of a Python pickle (protocol 2): PROTO 2, GLOBAL 'os system', ...
        File.WriteAllBytes(Path.Combine(copy, BundleFiles.Weights), [0x80, 0x02, (byte)'c', (byte)'o', (byte)'s', (byte)'\n', (byte)'s', (byte)'y', (byte)'s', (byte)'t', (byte)'e', (byte)'m', (byte)'\n']);
        BundleEdits.Rehash(copy, BundleFiles.Weights);

        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(copy));

        Assert.Contains(BundleFiles.Weights, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(BundleFiles.Weights)]
    [InlineData(BundleFiles.Labels)]
    [InlineData(BundleFiles.Manifest)]
    public void AMissingPartIsRefusedNamingIt(string part)
    {
        var copy = Copy();
        File.Delete(Path.Combine(copy, part));

        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(copy));

        Assert.Contains($"{part} is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AManifestThatLeavesOutARequiredPartIsRefused()
    {
        var copy = Copy();
        BundleEdits.EditJson(copy, BundleFiles.Manifest, manifest => manifest["files"]!.AsObject().Remove(BundleFiles.Labels));

        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(copy));

        Assert.Contains($"does not list the required part {BundleFiles.Labels}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AManifestThatListsAnUnknownPartIsRefused()
    {
        var copy = Copy();
        File.WriteAllText(Path.Combine(copy, "plugin.dll"), "MZ");
        BundleEdits.Rehash(copy, "plugin.dll");

        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(copy));

        Assert.Contains("unknown part 'plugin.dll'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"format\": \"gluonstyletext-model-bundle\", \"format_version\": 1, \"files\": null, \"parameters\": {}}")]
    [InlineData("{\"format\": \"gluonstyletext-model-bundle\", \"format_version\": 1, \"files\": {\"weights.bin\": null}}")]
    [InlineData("[]")]
    [InlineData("{\"format\": ")]
    public void AMalformedManifestIsRefusedWithABundleError(string manifest)
    {
        var copy = Copy();
        File.WriteAllText(Path.Combine(copy, BundleFiles.Manifest), manifest);

        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(copy));

        Assert.Contains(BundleFiles.Manifest, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("..\\x")]
    [InlineData("/tmp/x")]
    [InlineData("nested/weights.bin")]
    [InlineData("run.sh")]
    public void AZipWithAnEntryOutsideTheBundleLayoutIsRefusedAndNothingIsWrittenThere(string entry)
    {
        var zip = BundleEdits.Zip(fixture.BundlePath, Path.Combine(_temp.Path, "evil.zip"), (entry, "echo owned"));
        var outside = Path.Combine(Path.GetTempPath(), "x");
        var existedBefore = File.Exists(outside);

        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(zip));

        Assert.Contains($"unexpected entry '{entry}'", error.Message, StringComparison.Ordinal);
        Assert.Equal(existedBefore, File.Exists(outside));
    }

    [Fact]
    public void AZipWithAPartTwiceIsRefused()
    {
        var zip = BundleEdits.Zip(fixture.BundlePath, Path.Combine(_temp.Path, "twice.zip"), (BundleFiles.Labels, "{}"));

        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(zip));

        Assert.Contains($"entry '{BundleFiles.Labels}' appears twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AZipOfTheFolderLoads()
    {
        var zip = BundleEdits.Zip(fixture.BundlePath, Path.Combine(_temp.Path, "plain.zip"));

        using var bundle = ModelBundle.Load(zip);

        Assert.Equal(fixture.Classifier.Bundle.ModelHash, bundle.ModelHash);
    }

    [Fact]
    public void AFileThatIsNotAZipIsRefused()
    {
        var path = _temp.File("model.zip", "this is not a zip");

        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(path));

        Assert.Contains("neither a zip file nor a .tar.gz", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileThatStartsLikeAZipButIsNotOneIsRefused()
    {
        var path = _temp.File("model.zip", "PK but nothing else");

        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(path));

        Assert.Contains("not a readable zip file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANonexistentPathIsRefused()
    {
        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(Path.Combine(_temp.Path, "nowhere")));

        Assert.Contains("no such folder, .zip or .tar.gz file", error.Message, StringComparison.Ordinal);
    }

    private string Copy() => BundleEdits.CopyFolder(fixture.BundlePath, Path.Combine(_temp.Path, $"copy-{Guid.NewGuid():N}"));

    private string EmbeddingParameterName()
    {
        var vocabularySize = fixture.Classifier.Bundle.Options.VocabularySize;
        return fixture.Classifier.Bundle.Manifest.Parameters.Single(p => p.Value.Length == 2 && p.Value[0] == vocabularySize).Key;
    }

    private static string Sha256(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))).ToLowerInvariant();
}
