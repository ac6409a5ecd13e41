using GluonStyleText.Data;
using GluonStyleText.Evaluation;
using GluonStyleText.Models;
using GluonStyleText.Options;
using GluonStyleText.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace GluonStyleText.Bundles;

/// <summary>
/// A trained classifier with everything needed to use it: options, text transformer, label map,
/// weights and metrics, checked against each other. On disk it is one folder, or the same files
/// in one <c>.zip</c> (see docs/model-bundle.md). Nothing in a bundle can run code on load: every
/// part is JSON except the weights, which are raw tensors in TorchSharp's own format.
/// </summary>
public sealed class ModelBundle : IDisposable
{
    internal ModelBundle(
        TextClassifierOptions options,
        TextTransformer transformer,
        LabelMap labels,
        nn.Module<Tensor, Tensor> model,
        ClassificationMetrics? metrics,
        BundleManifest manifest)
    {
        Options = options;
        Transformer = transformer;
        Labels = labels;
        Model = model;
        Metrics = metrics;
        Manifest = manifest;
    }

    /// <summary>The options the model was built and trained with.</summary>
    public TextClassifierOptions Options { get; }

    /// <summary>Turns raw text into the token ids the model reads.</summary>
    public TextTransformer Transformer { get; }

    /// <summary>Class id to label.</summary>
    public LabelMap Labels { get; }

    /// <summary>The network, in evaluation mode.</summary>
    public nn.Module<Tensor, Tensor> Model { get; }

    /// <summary>Evaluation metrics stored with the bundle, if any.</summary>
    public ClassificationMetrics? Metrics { get; }

    /// <summary>The bundle's manifest.</summary>
    internal BundleManifest Manifest { get; }

    /// <summary>SHA-256 of the weights: identifies the model in prediction manifests and logs.</summary>
    public string ModelHash => Manifest.Files[BundleFiles.Weights].Sha256;

    /// <summary>
    /// Writes a bundle to <paramref name="path"/>: a folder, or a single zip file when the path ends
    /// in <c>.zip</c>. The bundle is written under a temporary name and renamed when complete, so a
    /// reader never sees half a bundle; an existing bundle at that path is replaced, and kept as it
    /// was when the save fails. The parts are checked against each other first, so a bundle that
    /// <see cref="Load"/> would refuse is never written.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid, or the transformer, labels or model do not match them.</exception>
    /// <exception cref="IOException">The path is a folder that is neither empty nor a bundle, or a file where a folder bundle should go.</exception>
    public static void Save(
        string path,
        TextClassifierOptions options,
        TextTransformer transformer,
        LabelMap labels,
        nn.Module<Tensor, Tensor> model,
        ClassificationMetrics? metrics = null) =>
        ModelBundleWriter.Write(path, options, transformer, labels, model, metrics);

    /// <summary>
    /// Loads and verifies a bundle (folder or .zip): format version, SHA-256 and size of every part,
    /// consistency of options, vocabulary and labels, and every weight tensor's shape against the
    /// shape the options imply. Throws <see cref="BundleFormatException"/> naming the problem.
    /// </summary>
    /// <param name="path">The bundle folder or .zip file.</param>
    /// <param name="device">Where to place the model; null keeps it on the CPU.</param>
    public static ModelBundle Load(string path, Device? device = null) => ModelBundleReader.Read(path, device);

    /// <summary>Releases the model's native memory.</summary>
    public void Dispose() => Model.Dispose();
}
