using System.Globalization;
using System.Text.Json;
using GluonStyleText.Data;
using GluonStyleText.Evaluation;
using GluonStyleText.Models;
using GluonStyleText.Options;
using GluonStyleText.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace GluonStyleText.Bundles;

/// <summary>Reads and verifies model bundles; every check fails with a <see cref="BundleFormatException"/>.</summary>
internal static class ModelBundleReader
{
    public static ModelBundle Read(string path, Device? device)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (File.Exists(path))
        {
            using var archive = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            return ReadArchive(archive, path, device);
        }

        if (!Directory.Exists(path))
        {
            throw new BundleFormatException(path, "no such folder, .zip or .tar.gz file.");
        }

        return ReadFolder(path, path, device);
    }

    public static ModelBundle Read(Stream stream, string displayName, Device? device)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The bundle stream cannot be read.", nameof(stream));
        }

        if (stream.CanSeek && stream.Position == 0)
        {
            return ReadArchive(stream, displayName, device);
        }

        // A zip's directory is at its end and its offsets count from the stream's start, so a stream that cannot
        // seek there is copied to a private file first.
        return InTemporaryFolder(folder =>
        {
            var copy = Path.Combine(folder, "archive");
            using (var file = new FileStream(copy, FileMode.CreateNew, FileAccess.Write))
            {
                stream.CopyTo(file);
            }

            using var archive = new FileStream(copy, FileMode.Open, FileAccess.Read);
            return ReadArchive(archive, displayName, device);
        });
    }

    // The weights are loaded by libtorch from a file, so an archive's parts go to a private folder first.
    private static ModelBundle ReadArchive(Stream archive, string displayPath, Device? device) => InTemporaryFolder(folder =>
    {
        BundleArchive.Extract(archive, folder, displayPath);
        return ReadFolder(folder, displayPath, device);
    });

    private static T InTemporaryFolder<T>(Func<string, T> use)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"gluonstyletext-bundle-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            return use(folder);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static ModelBundle ReadFolder(string folder, string displayPath, Device? device)
    {
        var manifest = ReadManifest(folder, displayPath);
        VerifyFiles(folder, displayPath, manifest);

        var options = ReadPart(displayPath, BundleFiles.Options, () => TextClassifierOptionsLoader.Load(Path.Combine(folder, BundleFiles.Options)).Options);
        var transformer = ReadPart(displayPath, BundleFiles.Transformer, () => TextTransformer.Load(Path.Combine(folder, BundleFiles.Transformer)));
        var labels = ReadPart(displayPath, BundleFiles.Labels, () => LabelMap.Load(Path.Combine(folder, BundleFiles.Labels)));
        var metrics = manifest.Files.ContainsKey(BundleFiles.Metrics)
            ? ReadPart(displayPath, BundleFiles.Metrics, () => JsonSerializer.Deserialize<ClassificationMetrics>(File.ReadAllText(Path.Combine(folder, BundleFiles.Metrics)), BundleJson.Options))
            : null;
        CheckConsistency(displayPath, manifest, options, transformer, labels);

        var weights = Path.Combine(folder, BundleFiles.Weights);
        CheckModelFitsWeights(displayPath, options, new FileInfo(weights).Length);
        nn.Module<Tensor, Tensor> model;
        try
        {
            model = BundleConsistency.CreateModel(options);
        }
        catch (Exception e) when (e is not BundleFormatException)
        {
            throw new BundleFormatException(displayPath, $"the model that {BundleFiles.Options} describes cannot be built ({e.Message}).", e);
        }

        try
        {
            if (BundleConsistency.ShapesProblem(BundleConsistency.ParameterShapes(model), manifest.Parameters, "the bundle") is { } mismatch)
            {
                throw new BundleFormatException(displayPath, mismatch);
            }

            try
            {
                WeightsFile.Check(weights, model.state_dict());
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                throw new BundleFormatException(displayPath, $"{BundleFiles.Weights} does not fit the model its options describe: {e.Message}", e);
            }

            try
            {
                model.load(weights, strict: true);
            }
            catch (Exception e) when (e is not BundleFormatException)
            {
                throw new BundleFormatException(displayPath, $"{BundleFiles.Weights} cannot be loaded ({e.Message}).", e);
            }

            // A model with a NaN weight answers NaN for some or all texts; the writer refuses one, but a bundle may
            // come from an older version or from elsewhere.
            if (FiniteWeights.Problem(model) is { } nonFinite)
            {
                throw new BundleFormatException(displayPath, $"{BundleFiles.Weights} is not usable: {nonFinite}; the model was trained wrong. Train it again.");
            }

            if (device is not null)
            {
                model.to(device);
            }

            model.eval();
            return new ModelBundle(options, transformer, labels, model, metrics, manifest);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Every weight takes at least one byte of the weights file, whose size the manifest's hash has vouched for; options
    /// edited to describe a far larger model are refused here, before libtorch tries to allocate it.
    /// </summary>
    private static void CheckModelFitsWeights(string displayPath, TextClassifierOptions options, long weightsBytes)
    {
        double minimum = BundleConsistency.MinimumWeightCount(options);
        if (minimum > weightsBytes)
        {
            throw new BundleFormatException(displayPath, string.Create(CultureInfo.InvariantCulture,
                $"{BundleFiles.Options} describes a model of at least {minimum:0} weights, more than {BundleFiles.Weights} ({weightsBytes} bytes) can hold; the options do not belong to these weights."));
        }
    }

    private static BundleManifest ReadManifest(string folder, string displayPath)
    {
        var file = Path.Combine(folder, BundleFiles.Manifest);
        if (!File.Exists(file))
        {
            throw new BundleFormatException(displayPath, $"{BundleFiles.Manifest} is missing; this is not a GluonStyleText model bundle.");
        }

        BundleManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<BundleManifest>(File.ReadAllText(file), BundleJson.Options);
        }
        catch (JsonException e)
        {
            throw new BundleFormatException(displayPath, $"{BundleFiles.Manifest} is not valid JSON (line {e.LineNumber + 1}: {e.Message}).", e);
        }

        if (manifest is null || manifest.Format != BundleManifest.FormatName)
        {
            throw new BundleFormatException(displayPath, $"{BundleFiles.Manifest} does not describe a GluonStyleText model bundle (format '{manifest?.Format}').");
        }

        if (manifest.FormatVersion != BundleManifest.CurrentVersion)
        {
            var advice = manifest.FormatVersion > BundleManifest.CurrentVersion ? " It was written by a newer GluonStyleText; update the package to load it." : "";
            throw new BundleFormatException(displayPath, $"format version {manifest.FormatVersion} is not supported; this library reads version {BundleManifest.CurrentVersion}.{advice}");
        }

        // JSON null deserialises to null even where the type says otherwise.
        if (manifest.Files is null || manifest.Parameters is null
            || manifest.Files.Values.Any(entry => entry?.Sha256 is null)
            || manifest.Parameters.Values.Any(shape => shape is null))
        {
            throw new BundleFormatException(displayPath, $"{BundleFiles.Manifest} lacks the list of parts (files), their hashes (sha256) or the tensor shapes (parameters).");
        }

        return manifest;
    }

    private static void VerifyFiles(string folder, string displayPath, BundleManifest manifest)
    {
        foreach (var required in BundleFiles.Required)
        {
            if (!manifest.Files.ContainsKey(required))
            {
                throw new BundleFormatException(displayPath, $"{BundleFiles.Manifest} does not list the required part {required}.");
            }
        }

        foreach (var (name, expected) in manifest.Files)
        {
            if (!BundleFiles.All.Contains(name))
            {
                throw new BundleFormatException(displayPath, $"{BundleFiles.Manifest} lists an unknown part '{name}'.");
            }

            var file = Path.Combine(folder, name);
            if (!File.Exists(file))
            {
                throw new BundleFormatException(displayPath, $"{name} is missing.");
            }

            var length = new FileInfo(file).Length;
            var actual = Sha256File.Compute(file);
            if (length != expected.Bytes || !string.Equals(actual, expected.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new BundleFormatException(displayPath, $"{name} has been modified or corrupted: SHA-256 {actual} ({length:N0} bytes), expected {expected.Sha256} ({expected.Bytes:N0} bytes).");
            }
        }
    }

    private static T ReadPart<T>(string displayPath, string part, Func<T?> read)
    {
        try
        {
            return read() ?? throw new BundleFormatException(displayPath, $"{part} is empty.");
        }
        catch (Exception e) when (e is not BundleFormatException)
        {
            throw new BundleFormatException(displayPath, $"{part} cannot be read: {e.Message}", e);
        }
    }

    private static void CheckConsistency(string displayPath, BundleManifest manifest, TextClassifierOptions options, TextTransformer transformer, LabelMap labels)
    {
        var model = options.Cnn ? "cnn" : "bilstm";
        if (manifest.Model != model)
        {
            throw new BundleFormatException(displayPath, $"{BundleFiles.Manifest} says the model is '{manifest.Model}' but {BundleFiles.Options} describes '{model}'.");
        }

        if (BundleConsistency.PartsProblem(options, transformer, labels) is { } problem)
        {
            throw new BundleFormatException(displayPath, problem);
        }
    }
}
