using System.IO.Compression;
using System.Reflection;
using System.Text.Json;
using GluonStyleText.Data;
using GluonStyleText.Evaluation;
using GluonStyleText.Models;
using GluonStyleText.Options;
using GluonStyleText.Text;
using static TorchSharp.torch;

namespace GluonStyleText.Bundles;

/// <summary>Writes model bundles: parts into a staging folder beside the target, then one rename into place.</summary>
internal static class ModelBundleWriter
{
    /// <summary>
    /// Checks, before hours of training, what <see cref="Write"/> would otherwise find only at the end: that
    /// <paramref name="path"/> may be replaced by a bundle and that its folder can be created and written. A probe
    /// file is written there and deleted.
    /// </summary>
    /// <exception cref="IOException">The path is a file where a folder bundle would go, a folder that is not a bundle, or cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder may not be written.</exception>
    public static void CheckCanWrite(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var probe = AtomicFile.TemporaryPathFor(PrepareTarget(path));
        File.WriteAllBytes(probe, []);
        File.Delete(probe);
    }

    public static void Write(
        string path,
        TextClassifierOptions options,
        TextTransformer transformer,
        LabelMap labels,
        nn.Module<Tensor, Tensor> model,
        ClassificationMetrics? metrics)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(transformer);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(model);
        var shapes = CheckFits(options, transformer, labels, model);
        var target = PrepareTarget(path);
        var zip = IsZipPath(target);
        var staging = AtomicFile.TemporaryPathFor(target);
        Directory.CreateDirectory(staging);
        try
        {
            WriteParts(staging, options, transformer, labels, model, shapes, metrics);
            if (zip)
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

    /// <summary>
    /// Moves the complete bundle in <paramref name="staging"/> to <paramref name="target"/>. A folder
    /// cannot be swapped in one step, so an existing bundle is moved aside first and moved back if the
    /// second move fails: a failure leaves the old bundle or the new one, never neither.
    /// </summary>
    /// <param name="staging">The complete new bundle.</param>
    /// <param name="target">Where it belongs; an existing bundle there is replaced.</param>
    /// <param name="moveDirectory">Moves a folder; <see cref="Directory.Move"/> unless a test injects a failure.</param>
    internal static void PublishFolder(string staging, string target, Action<string, string>? moveDirectory = null)
    {
        var move = moveDirectory ?? Directory.Move;
        CheckReplaceable(target);
        string? previous = null;
        if (Directory.Exists(target))
        {
            previous = $"{target}.old-{Guid.NewGuid():N}";
            move(target, previous);
        }

        try
        {
            move(staging, target);
        }
        catch (Exception failure) when (previous is not null)
        {
            try
            {
                move(previous, target);
            }
            catch (Exception restoreFailure)
            {
                throw new IOException(
                    $"Could not move the new model bundle to '{target}' ({failure.Message}) nor the previous one back ({restoreFailure.Message}); the previous bundle is in '{previous}'.",
                    new AggregateException(failure, restoreFailure));
            }

            throw;
        }

        if (previous is not null)
        {
            try
            {
                Directory.Delete(previous, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The new bundle is in place, which is what the caller asked for; a leftover old copy is not worth failing over.
            }
        }
    }

    /// <summary>The full path a bundle is written to, checked to be replaceable (<see cref="CheckReplaceable"/>), its folder created.</summary>
    private static string PrepareTarget(string path)
    {
        // Without the trailing separator of "model/", the staging folder would land inside the target.
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (!IsZipPath(target))
        {
            CheckReplaceable(target);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        return target;
    }

    /// <summary>Refuses parts that loading would refuse, before anything is written. Returns the model's tensor shapes.</summary>
    private static Dictionary<string, long[]> CheckFits(TextClassifierOptions options, TextTransformer transformer, LabelMap labels, nn.Module model)
    {
        var validation = new TextClassifierOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new ArgumentException($"Cannot save a model bundle with invalid options: {validation.FailureMessage}", nameof(options));
        }

        if (BundleConsistency.PartsProblem(options, transformer, labels) is { } problem)
        {
            throw new ArgumentException($"Cannot save a model bundle whose parts do not fit together: {problem}", nameof(labels));
        }

        var shapes = BundleConsistency.ParameterShapes(model);
        if (BundleConsistency.ShapesProblem(BundleConsistency.ImpliedShapes(options), shapes, "the model") is { } mismatch)
        {
            throw new ArgumentException($"Cannot save a model bundle whose model does not match its options: {mismatch}", nameof(model));
        }

        if (FiniteWeights.Problem(model) is { } nonFinite)
        {
            throw new NonFiniteNumbersException($"Cannot save a model bundle whose weights are not finite: {nonFinite}. {NonFiniteNumbersException.Advice}");
        }

        return shapes;
    }

    /// <summary>Only a bundle, or an empty folder, is ever replaced: a folder of anything else may be someone's work.</summary>
    private static void CheckReplaceable(string target)
    {
        if (File.Exists(target))
        {
            throw new IOException($"Cannot write the model bundle folder '{target}': a file of that name exists.");
        }

        if (Directory.Exists(target)
            && !File.Exists(Path.Combine(target, BundleFiles.Manifest))
            && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new IOException(
                $"Cannot write the model bundle folder '{target}': the folder exists and is not a model bundle (it has no {BundleFiles.Manifest}); choose another path or empty it.");
        }
    }

    private static void WriteParts(
        string folder,
        TextClassifierOptions options,
        TextTransformer transformer,
        LabelMap labels,
        nn.Module<Tensor, Tensor> model,
        Dictionary<string, long[]> shapes,
        ClassificationMetrics? metrics)
    {
        TextClassifierOptionsLoader.Save(options, Path.Combine(folder, BundleFiles.Options));
        transformer.Save(Path.Combine(folder, BundleFiles.Transformer));
        labels.Save(Path.Combine(folder, BundleFiles.Labels));
        model.save(Path.Combine(folder, BundleFiles.Weights));
        if (metrics is not null)
        {
            File.WriteAllText(Path.Combine(folder, BundleFiles.Metrics), JsonSerializer.Serialize(metrics, BundleJson.Options));
        }

        var manifest = new BundleManifest
        {
            CreatedUtc = DateTimeOffset.UtcNow,
            LibraryVersion = typeof(ModelBundle).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "",
            Model = options.Cnn ? "cnn" : "bilstm",
            Parameters = shapes,
        };
        foreach (var name in BundleFiles.All)
        {
            var file = Path.Combine(folder, name);
            if (File.Exists(file))
            {
                manifest.Files[name] = new BundleFileEntry(Sha256File.Compute(file), new FileInfo(file).Length);
            }
        }

        File.WriteAllText(Path.Combine(folder, BundleFiles.Manifest), JsonSerializer.Serialize(manifest, BundleJson.Options));
    }

    private static void PublishZip(string staging, string target)
    {
        AtomicFile.WriteUsingPath(target, temporaryZip => ZipFile.CreateFromDirectory(staging, temporaryZip, CompressionLevel.Fastest, includeBaseDirectory: false));
    }
}
