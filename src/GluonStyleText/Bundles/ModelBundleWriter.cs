using System.IO.Compression;
using System.Reflection;
using System.Text.Json;
using GluonStyleText.Data;
using GluonStyleText.Evaluation;
using GluonStyleText.Options;
using GluonStyleText.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace GluonStyleText.Bundles;

/// <summary>Writes model bundles: parts into a staging folder, then one rename into place.</summary>
internal static class ModelBundleWriter
{
    internal static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static void Write(
        string path,
        TextClassifierOptions options,
        TextTransformer transformer,
        LabelMap labels,
        nn.Module<Tensor, Tensor> model,
        ClassificationMetrics? metrics)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var target = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var staging = $"{target}.tmp-{Guid.NewGuid():N}";
        Directory.CreateDirectory(staging);
        try
        {
            WriteParts(staging, options, transformer, labels, model, metrics);
            if (IsZipPath(target))
            {
                PublishZip(staging, target);
            }
            else
            {
                PublishFolder(staging, target);
            }
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    internal static bool IsZipPath(string path) => path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    private static void WriteParts(
        string folder,
        TextClassifierOptions options,
        TextTransformer transformer,
        LabelMap labels,
        nn.Module<Tensor, Tensor> model,
        ClassificationMetrics? metrics)
    {
        TextClassifierOptionsLoader.Save(options, Path.Combine(folder, BundleFiles.Options));
        transformer.Save(Path.Combine(folder, BundleFiles.Transformer));
        labels.Save(Path.Combine(folder, BundleFiles.Labels));
        model.save(Path.Combine(folder, BundleFiles.Weights));
        if (metrics is not null)
        {
            File.WriteAllText(Path.Combine(folder, BundleFiles.Metrics), JsonSerializer.Serialize(metrics, Json));
        }

        var manifest = new BundleManifest
        {
            CreatedUtc = DateTimeOffset.UtcNow,
            LibraryVersion = typeof(ModelBundle).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "",
            Model = options.Cnn ? "cnn" : "bilstm",
            Parameters = ParameterShapes(model),
        };
        foreach (var name in BundleFiles.All)
        {
            var file = Path.Combine(folder, name);
            if (File.Exists(file))
            {
                manifest.Files[name] = new BundleFileEntry(Sha256File.Compute(file), new FileInfo(file).Length);
            }
        }

        File.WriteAllText(Path.Combine(folder, BundleFiles.Manifest), JsonSerializer.Serialize(manifest, Json));
    }

    internal static Dictionary<string, long[]> ParameterShapes(nn.Module model) =>
        model.state_dict().ToDictionary(entry => entry.Key, entry => entry.Value.shape);

    private static void PublishZip(string staging, string target)
    {
        var temporaryZip = $"{staging}.zip";
        try
        {
            ZipFile.CreateFromDirectory(staging, temporaryZip, CompressionLevel.Fastest, includeBaseDirectory: false);
            File.Move(temporaryZip, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporaryZip);
        }
    }

    private static void PublishFolder(string staging, string target)
    {
        if (File.Exists(target))
        {
            throw new IOException($"Cannot write the model bundle folder '{target}': a file of that name exists.");
        }

        // A folder cannot be swapped in one step: move the old bundle aside first, so that a
        // failure in between leaves either the old or the new bundle, never a mix.
        string? previous = null;
        if (Directory.Exists(target))
        {
            previous = $"{target}.old-{Guid.NewGuid():N}";
            Directory.Move(target, previous);
        }

        Directory.Move(staging, target);
        if (previous is not null)
        {
            Directory.Delete(previous, recursive: true);
        }
    }
}
