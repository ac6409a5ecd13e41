using System.IO.Compression;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GluonStyleText.Bundles;
using GluonStyleText.Tests.Bundles;
using GluonStyleText.Tests.Evaluation;
using GluonStyleText.Tests.Options;

namespace GluonStyleText.Tests.Fuzzing;

/// <summary>
/// Bundles (folder, zip or tar.gz, from a path or a stream) cannot crash <see cref="ModelBundle.Load(string, TorchSharp.torch.Device?)"/>:
/// whatever is done to a real, small bundle (a part damaged and its hash in the manifest brought up to date so that
/// the part's reader is reached, the manifest itself edited, the zip's, the tar's or the gzip's bytes damaged) it is
/// loaded or refused with a <see cref="BundleFormatException"/> naming the bundle.
/// </summary>
public sealed class ModelBundleReaderFuzzTests(TinyClassifierFixture fixture) : IClassFixture<TinyClassifierFixture>, IDisposable
{
    private static readonly string[] JsonParts = [BundleFiles.Options, BundleFiles.Transformer, BundleFiles.Labels, BundleFiles.Metrics];

    private readonly TemporaryDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    public sealed record PartEdit(string Part, FuzzInput Content, bool Rehash)
    {
        public override string ToString() => $"{Part} (rehashed: {Rehash}) = {Content}";
    }

    [Property(MaxTest = 800, Replay = "(9601,73)", QuietOnSuccess = true)]
    public Property ABundleWithADamagedPartIsLoadedOrRefused() =>
        Prop.ForAll(PartEdits().ToArbitrary(), edit =>
        {
            string folder = Fresh("bundle");
            File.WriteAllBytes(Path.Combine(folder, edit.Part), edit.Content.Bytes);
            if (edit.Rehash)
            {
                BundleEdits.Rehash(folder, edit.Part);
            }

            LoadOrRefuse(folder);
        });

    [Property(MaxTest = 300, Replay = "(9602,79)", QuietOnSuccess = true)]
    public Property AZipOfADamagedBundleOrADamagedZipIsLoadedOrRefused() =>
        Prop.ForAll(PartEdits().ToArbitrary(), Mutation.Several().ToArbitrary(), Gen.Elements(true, false).ToArbitrary(), (edit, zipMutations, damageZip) =>
        {
            string folder = Fresh("unzipped");
            File.WriteAllBytes(Path.Combine(folder, edit.Part), edit.Content.Bytes);
            if (edit.Rehash)
            {
                BundleEdits.Rehash(folder, edit.Part);
            }

            string zip = Path.Combine(_temp.Path, "bundle.zip");
            File.Delete(zip);
            BundleEdits.Zip(folder, zip);
            if (damageZip)
            {
                File.WriteAllBytes(zip, Mutation.ApplyAll(File.ReadAllBytes(zip), zipMutations));
            }

            LoadOrRefuse(zip);
        });

    public sealed record TarGzDamage(string Where, bool AsTarCommand, bool FromStream)
    {
        public override string ToString() => $"damage: {Where}, as tar -czf writes it: {AsTarCommand}, from a stream: {FromStream}";
    }

    [Property(MaxTest = 300, Replay = "(9603,83)", QuietOnSuccess = true)]
    public Property ATarGzOfADamagedBundleOrADamagedTarOrGzipIsLoadedOrRefused() =>
        Prop.ForAll(PartEdits().ToArbitrary(), Mutation.Several().ToArbitrary(), TarGzDamages().ToArbitrary(), (edit, mutations, damage) =>
        {
            string folder = Fresh("untarred");
            File.WriteAllBytes(Path.Combine(folder, edit.Part), edit.Content.Bytes);
            if (edit.Rehash)
            {
                BundleEdits.Rehash(folder, edit.Part);
            }

            byte[] tar = BundleEdits.Tar(folder, damage.AsTarCommand);
            byte[] gzip = BundleEdits.Gzip(damage.Where == "tar" ? Mutation.ApplyAll(tar, mutations) : tar);
            if (damage.Where == "gzip")
            {
                gzip = Mutation.ApplyAll(gzip, mutations);
            }

            if (damage.FromStream)
            {
                LoadOrRefuse(new MemoryStream(gzip), "model.tar.gz");
            }
            else
            {
                string path = Path.Combine(_temp.Path, "model.tar.gz");
                File.WriteAllBytes(path, gzip);
                LoadOrRefuse(path);
            }
        });

    // Found by reading the reader: the model was built from options.json before anything bounded its size, so
    // options edited (and rehashed) to vocab_size 10,000,000 x embed_size 100,000 asked libtorch for 4 TB.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void OptionsDescribingAModelFarLargerThanItsWeightsAreRefusedBeforeItIsBuilt(bool cnn)
    {
        string folder = Fresh("huge");
        BundleEdits.EditJson(folder, BundleFiles.Options, json =>
        {
            json["vocab_size"] = 10_000_000;
            json["embed_size"] = 100_000;
            json["hidden_size"] = 100_000;
            json["cnn"] = cnn;
            json["bigram_buckets"] = 0;
        });
        BundleEdits.Rehash(folder, BundleFiles.Options);
        BundleEdits.EditJson(folder, BundleFiles.Manifest, manifest => manifest["model"] = cnn ? "cnn" : "bilstm");

        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(folder));

        Assert.Contains("options.json describes a model of at least", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSizeBoundNeverRefusesTheModelItWasComputedFor()
    {
        using var bundle = ModelBundle.Load(fixture.BundlePath);
        long weights = new FileInfo(Path.Combine(fixture.BundlePath, BundleFiles.Weights)).Length;
        long parameters = bundle.Manifest.Parameters.Values.Sum(shape => shape.Aggregate(1L, (product, size) => product * size));

        double bound = BundleConsistency.MinimumWeightCount(bundle.Options);

        Assert.InRange(bound, 1, parameters);
        Assert.True(parameters * sizeof(float) <= weights);
    }

    private Gen<PartEdit> PartEdits()
    {
        // Generators are built from the fixture's own files, read once per property.
        var parts = BundleFiles.All.Append(BundleFiles.Manifest)
            .ToDictionary(part => part, part => File.ReadAllBytes(Path.Combine(fixture.BundlePath, part)));
        Gen<FuzzInput> Damaged(string part) => part == BundleFiles.Weights
            ? FuzzInput.MutatedOrRandom(Gen.Constant(parts[part]), randomOneIn: 20)
            : JsonGenerators.Mutated(Gen.Constant(Encoding.UTF8.GetString(parts[part])));
        return from part in Gen.Frequency(
                   (2, Gen.Elements(JsonParts)), (1, Gen.Constant(BundleFiles.Weights)), (2, Gen.Constant(BundleFiles.Manifest)))
               from content in Damaged(part)
               from rehash in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
               select new PartEdit(part, content, rehash && part != BundleFiles.Manifest);
    }

    private static Gen<TarGzDamage> TarGzDamages() =>
        from place in Gen.Frequency((1, Gen.Constant("none")), (3, Gen.Constant("tar")), (2, Gen.Constant("gzip")))
        from asTarCommand in Gen.Elements(true, false)
        from fromStream in Gen.Elements(true, false)
        select new TarGzDamage(place, asTarCommand, fromStream);

    private string Fresh(string name)
    {
        string folder = Path.Combine(_temp.Path, name);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        return BundleEdits.CopyFolder(fixture.BundlePath, folder);
    }

    private static void LoadOrRefuse(string path)
    {
        ModelBundle? bundle = null;
        try
        {
            Documented.Check(() => bundle = ModelBundle.Load(path), path, null, Documented.Bundle);
        }
        finally
        {
            bundle?.Dispose();
        }
    }

    private static void LoadOrRefuse(Stream stream, string displayName)
    {
        ModelBundle? bundle = null;
        try
        {
            Documented.Check(() => bundle = ModelBundle.Load(stream, displayName), displayName, null, Documented.Bundle);
        }
        finally
        {
            bundle?.Dispose();
        }
    }
}
