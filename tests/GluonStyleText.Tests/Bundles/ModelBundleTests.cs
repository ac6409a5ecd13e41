using System.IO.Compression;
using System.Text.Json.Nodes;
using GluonStyleText.Bundles;
using GluonStyleText.Evaluation;
using GluonStyleText.Models;
using GluonStyleText.Options;
using GluonStyleText.Prediction;
using GluonStyleText.Training;
using GluonStyleText.Tests.Evaluation;
using GluonStyleText.Tests.Options;

namespace GluonStyleText.Tests.Bundles;

/// <summary>Saving and loading bundles: what goes in comes out, and a replaced bundle is never half written.</summary>
[Collection(GluonStyleText.Tests.Training.SerialTorchCollection.Name)]
public sealed class ModelBundleTests(TinyClassifierFixture fixture) : IClassFixture<TinyClassifierFixture>, IDisposable
{
    private readonly TemporaryDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("bundle")]
    [InlineData("bundle.zip")]
    [InlineData("BUNDLE.ZIP")]
    public void AFolderOrZipRoundTripGivesIdenticalPredictions(string name)
    {
        var path = Path.Combine(_temp.Path, name);
        Save(path);

        using var loaded = TextClassifier.Load(path);

        Assert.Equal(name == "bundle", Directory.Exists(path));
        var (texts, _) = TinyClassifierFixture.Reviews(40, seed: 11);
        Assert.Equal(fixture.Classifier.PredictProbabilities(texts), loaded.PredictProbabilities(texts));
        Assert.Equal(fixture.Classifier.Labels, loaded.Labels);
        Assert.Equal(fixture.Classifier.Bundle.Transformer.Vocabulary.Words, loaded.Bundle.Transformer.Vocabulary.Words);
        Assert.Equal(TextClassifierOptionsJson(fixture.Classifier.Bundle), TextClassifierOptionsJson(loaded.Bundle));
        Assert.Equal(fixture.Classifier.Bundle.ModelHash, loaded.Bundle.ModelHash);
    }

    [Fact]
    public void ACnnWithABigramBagRoundTripsAndItsTableMustMatchTheOptions()
    {
        var (texts, labels) = TinyClassifierFixture.Reviews(80, seed: 4);
        var options = new TextClassifierOptions
        {
            VocabularySize = 40,
            SequenceLength = 12,
            EmbeddingSize = 8,
            KernelSizes = [1, 2],
            BigramBuckets = 100,
            BigramSize = 4,
            Epochs = 2,
            Device = "cpu",
        };
        var path = Path.Combine(_temp.Path, "bigrams");
        new TextClassifierTrainer(options).Train(texts, labels, path);

        using (var loaded = TextClassifier.Load(path))
        {
            Assert.Equal(new long[] { 101, 4 }, loaded.Bundle.Manifest.Parameters["bigrams.vectors.weight"]);
            Assert.Equal(3 * 2, loaded.PredictProbabilities(texts.Take(3).ToList()).Length);
        }

        BundleEdits.EditJson(path, BundleFiles.Options, json => json["bigram_buckets"] = 50);
        BundleEdits.Rehash(path, BundleFiles.Options);
        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(path));
        Assert.Contains("weight 'bigrams.vectors.weight' has shape [101, 4]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AZipHoldsExactlyTheFolderFiles()
    {
        var zip = Path.Combine(_temp.Path, "bundle.zip");
        Save(zip);

        using var archive = ZipFile.OpenRead(zip);

        Assert.Equal(
            BundleFiles.All.Append(BundleFiles.Manifest).Order(StringComparer.Ordinal),
            archive.Entries.Select(entry => entry.FullName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheManifestDescribesEveryPartAndEveryTensor()
    {
        var bundle = fixture.Classifier.Bundle;
        var manifest = bundle.Manifest;

        Assert.Equal(BundleManifest.FormatName, manifest.Format);
        Assert.Equal(BundleManifest.CurrentVersion, manifest.FormatVersion);
        Assert.Equal("cnn", manifest.Model);
        Assert.False(string.IsNullOrEmpty(manifest.LibraryVersion));
        Assert.Equal(BundleFiles.All.Order(StringComparer.Ordinal), manifest.Files.Keys.Order(StringComparer.Ordinal));
        foreach (var (part, entry) in manifest.Files)
        {
            var file = Path.Combine(fixture.BundlePath, part);
            Assert.Equal(new FileInfo(file).Length, entry.Bytes);
            Assert.Matches("^[0-9a-f]{64}$", entry.Sha256);
        }

        var stateDict = bundle.Model.state_dict();
        Assert.Equal(stateDict.Keys.Order(StringComparer.Ordinal), manifest.Parameters.Keys.Order(StringComparer.Ordinal));
        Assert.All(stateDict, pair => Assert.Equal(pair.Value.shape, manifest.Parameters[pair.Key]));
        Assert.Equal(manifest.Files[BundleFiles.Weights].Sha256, bundle.ModelHash);
    }

    [Fact]
    public void MetricsRoundTrip()
    {
        var original = fixture.Classifier.Bundle.Metrics!;
        var path = Path.Combine(_temp.Path, "metrics-bundle");
        Save(path);

        using var loaded = ModelBundle.Load(path);

        Assert.Equal(original.Count, loaded.Metrics!.Count);
        Assert.Equal(original.Accuracy, loaded.Metrics.Accuracy);
        Assert.Equal(original.MeanLoss, loaded.Metrics.MeanLoss);
        Assert.Equal(original.ConfusionMatrix, loaded.Metrics.ConfusionMatrix);
    }

    [Fact]
    public void ABundleWithoutMetricsHasNoMetricsPart()
    {
        var path = Path.Combine(_temp.Path, "no-metrics");
        var bundle = fixture.Classifier.Bundle;
        ModelBundle.Save(path, bundle.Options, bundle.Transformer, bundle.Labels, bundle.Model, metrics: null);

        using var loaded = ModelBundle.Load(path);

        Assert.Null(loaded.Metrics);
        Assert.False(File.Exists(Path.Combine(path, BundleFiles.Metrics)));
        Assert.DoesNotContain(BundleFiles.Metrics, loaded.Manifest.Files.Keys);
    }

    [Fact]
    public void NotANumberMetricsAreSavedAndLoaded()
    {
        var path = Path.Combine(_temp.Path, "nan-bundle.zip");
        var bundle = fixture.Classifier.Bundle;
        var metrics = bundle.Metrics! with { MeanLoss = double.NaN, Accuracy = double.NaN, MacroF1 = double.PositiveInfinity };

        ModelBundle.Save(path, bundle.Options, bundle.Transformer, bundle.Labels, bundle.Model, metrics);
        using var loaded = ModelBundle.Load(path);

        Assert.True(double.IsNaN(loaded.Metrics!.MeanLoss));
        Assert.True(double.IsNaN(loaded.Metrics.Accuracy));
        Assert.True(double.IsPositiveInfinity(loaded.Metrics.MacroF1));
    }

    [Fact]
    public void AZipIsWrittenUnderATemporaryNameAndRenamedIntoPlace()
    {
        var zip = Path.Combine(_temp.Path, "replace.zip");
        Save(zip);
        var before = File.ReadAllBytes(zip);

        // A reader that has the old bundle open keeps reading the old bytes: the new bundle is a
        // new file renamed over the old name, not the old file rewritten in place.
        using var openOld = new FileStream(zip, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        Save(zip, withMetrics: false);

        using var copy = new MemoryStream();
        openOld.CopyTo(copy);
        Assert.Equal(before, copy.ToArray());
        Assert.NotEqual(before, File.ReadAllBytes(zip));
        ModelBundle.Load(zip).Dispose();
        Assert.Empty(BundleEdits.Leftovers(_temp.Path, "replace.zip"));
    }

    [Theory]
    [InlineData("old-bundle")]
    [InlineData("old-bundle.zip")]
    public void ASaveThatFailsMidwayLeavesTheOldBundleIntactAndNoTemporaryBehind(string name)
    {
        var path = Path.Combine(_temp.Path, name);
        Save(path);
        var before = Snapshot(path);
        var bundle = fixture.Classifier.Bundle;
        // The metrics are the last part written: options, transformer, labels and weights are on disk when it fails.
        var failing = bundle.Metrics! with { PerClass = new FailingList<ClassMetrics>() };

        var error = Assert.Throws<IOException>(() => ModelBundle.Save(path, bundle.Options, bundle.Transformer, bundle.Labels, bundle.Model, failing));

        Assert.Equal(FailingList<ClassMetrics>.Message, error.Message);
        Assert.Equal(before, Snapshot(path));
        ModelBundle.Load(path).Dispose();
        Assert.Empty(BundleEdits.Leftovers(_temp.Path, name));
    }

    [Fact]
    public void APathWithATrailingSeparatorIsTheFolder()
    {
        var path = Path.Combine(_temp.Path, "slash");
        Save(path);

        Save(path + Path.DirectorySeparatorChar, withMetrics: false);

        using var loaded = ModelBundle.Load(path + Path.DirectorySeparatorChar);
        Assert.Null(loaded.Metrics);
        Assert.Empty(BundleEdits.Leftovers(_temp.Path, "slash"));
        Assert.Equal(BundleFiles.All.Where(f => f != BundleFiles.Metrics).Append(BundleFiles.Manifest).Order(StringComparer.Ordinal), Directory.EnumerateFiles(path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AFolderSwapThatFailsPutsTheOldBundleBack()
    {
        var path = Path.Combine(_temp.Path, "swap");
        Save(path);
        var before = Snapshot(path);
        var staging = BundleEdits.CopyFolder(path, Path.Combine(_temp.Path, "swap.staging"));
        var moves = 0;

        var error = Assert.Throws<IOException>(() => ModelBundleWriter.PublishFolder(staging, path, (from, to) =>
        {
            if (++moves == 2)
            {
                throw new IOException("simulated failure of the second rename");
            }

            Directory.Move(from, to);
        }));

        Assert.Contains("simulated", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(path));
        Assert.Empty(BundleEdits.Leftovers(_temp.Path, "swap", "swap.staging"));
    }

    [Fact]
    public void SavingReplacesAnExistingFolderBundle()
    {
        var path = Path.Combine(_temp.Path, "replace");
        Save(path);
        File.WriteAllText(Path.Combine(path, "notes.txt"), "left by a user");

        Save(path, withMetrics: false);

        using var loaded = ModelBundle.Load(path);
        Assert.Null(loaded.Metrics);
        Assert.False(File.Exists(Path.Combine(path, "notes.txt")));
        Assert.Empty(BundleEdits.Leftovers(_temp.Path, "replace"));
    }

    [Fact]
    public void SavingRefusesToReplaceAFolderThatIsNotABundle()
    {
        var path = Path.Combine(_temp.Path, "documents");
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "thesis.txt"), "years of work");

        var error = Assert.Throws<IOException>(() => Save(path));

        Assert.Contains("not a model bundle", error.Message, StringComparison.Ordinal);
        Assert.Equal("years of work", File.ReadAllText(Path.Combine(path, "thesis.txt")));
        Assert.Empty(BundleEdits.Leftovers(_temp.Path, "documents"));
    }

    [Fact]
    public void SavingIntoAnEmptyFolderWorks()
    {
        var path = Path.Combine(_temp.Path, "empty");
        Directory.CreateDirectory(path);

        Save(path);

        using var loaded = TextClassifier.Load(path);
        Assert.Equal(fixture.Classifier.Bundle.ModelHash, loaded.Bundle.ModelHash);
        var (texts, _) = TinyClassifierFixture.Reviews(20, seed: 12);
        Assert.Equal(fixture.Classifier.PredictProbabilities(texts), loaded.PredictProbabilities(texts));
        Assert.Equal(fixture.Classifier.Labels, loaded.Labels);
    }

    [Fact]
    public void SavingRefusesPartsThatDoNotFitTogetherAndWritesNothing()
    {
        var path = Path.Combine(_temp.Path, "mismatch");
        var bundle = fixture.Classifier.Bundle;
        var options = TextClassifierOptionsJson(bundle);
        var threeClasses = GluonStyleText.Options.TextClassifierOptionsLoader.LoadJson(options, "test").Options;
        threeClasses.NumberOfClasses = 3;

        var error = Assert.Throws<ArgumentException>(() => ModelBundle.Save(path, threeClasses, bundle.Transformer, bundle.Labels, bundle.Model, bundle.Metrics));

        Assert.Contains("n_classes", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(path));
        Assert.Empty(BundleEdits.Leftovers(_temp.Path));
    }

    [Fact]
    public void AModelThatDoesNotMatchTheOptionsIsRefusedNamingTheTensor()
    {
        var path = Path.Combine(_temp.Path, "other-model");
        var bundle = fixture.Classifier.Bundle;
        var larger = GluonStyleText.Options.TextClassifierOptionsLoader.LoadJson(TextClassifierOptionsJson(bundle), "test").Options;
        larger.VocabularySize += 5;
        using var other = TextClassifierModelFactory.Create(larger);

        var error = Assert.Throws<ArgumentException>(() => ModelBundle.Save(path, bundle.Options, bundle.Transformer, bundle.Labels, other));

        Assert.Contains("[45, 16]", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(path));
    }

    [Fact]
    public void TheManifestIsPlainJson()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(fixture.BundlePath, BundleFiles.Manifest)))!;

        Assert.Equal(BundleManifest.FormatName, (string?)manifest["format"]);
        Assert.Equal(BundleManifest.CurrentVersion, (int?)manifest["format_version"]);
        Assert.NotNull(manifest["files"]![BundleFiles.Weights]!["sha256"]);
    }

    private void Save(string path, bool withMetrics = true)
    {
        var bundle = fixture.Classifier.Bundle;
        ModelBundle.Save(path, bundle.Options, bundle.Transformer, bundle.Labels, bundle.Model, withMetrics ? bundle.Metrics : null);
    }

    private static string TextClassifierOptionsJson(ModelBundle bundle) =>
        GluonStyleText.Options.TextClassifierOptionsLoader.ToJson(bundle.Options);

    /// <summary>Every file of a folder bundle, or the zip file, with its bytes.</summary>
    private static Dictionary<string, string> Snapshot(string path) => Directory.Exists(path)
        ? Directory.EnumerateFiles(path).ToDictionary(file => Path.GetFileName(file), file => Convert.ToBase64String(File.ReadAllBytes(file)))
        : new Dictionary<string, string> { [Path.GetFileName(path)] = Convert.ToBase64String(File.ReadAllBytes(path)) };

    /// <summary>A list that fails when enumerated, as a full disk fails a write.</summary>
    private sealed class FailingList<T> : IReadOnlyList<T>
    {
        public const string Message = "No space left on device (simulated)";

        public int Count => 1;

        public T this[int index] => throw new IOException(Message);

        public IEnumerator<T> GetEnumerator() => throw new IOException(Message);

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
