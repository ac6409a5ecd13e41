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
/// in one <c>.zip</c>, or in the <c>model.tar.gz</c> a SageMaker training job uploads (see docs/model-bundle.md).
/// Nothing in a bundle can run code on load: every
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
    /// <see cref="Load(string, Device?)"/> would refuse is never written.
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
    /// Loads and verifies a bundle (a folder, a .zip, or SageMaker's model.tar.gz as it is): format version, SHA-256
    /// and size of every part, consistency of options, vocabulary and labels, and every weight tensor's shape against
    /// the shape the options imply. Throws <see cref="BundleFormatException"/> naming the problem.
    /// </summary>
    /// <param name="path">The bundle folder, or a .zip or .tar.gz file (told apart by their first bytes, whatever the name).</param>
    /// <param name="device">Where to place the model; null keeps it on the CPU.</param>
    /// <exception cref="BundleFormatException">The path is no bundle, or the bundle is damaged, tampered with or inconsistent.</exception>
    public static ModelBundle Load(string path, Device? device = null) => ModelBundleReader.Read(path, device);

    /// <summary>
    /// Loads and verifies a bundle held in a stream, a .zip or a .tar.gz (for example an upload, or a bundle kept in a
    /// database), with the checks of <see cref="Load(string, Device?)"/>. The stream is read in full before this
    /// returns and stays the caller's to dispose. Its parts are unpacked into a private temporary folder, deleted
    /// before this returns; a stream that cannot seek, or is not at its start, is first copied there too.
    /// </summary>
    /// <param name="stream">The archive, from its current position.</param>
    /// <param name="displayName">The name errors give the bundle, for example the uploaded file's name.</param>
    /// <param name="device">Where to place the model; null keeps it on the CPU.</param>
    /// <exception cref="BundleFormatException">The stream holds no bundle archive, or the bundle is damaged, tampered with or inconsistent; the message starts with <paramref name="displayName"/>.</exception>
    /// <exception cref="ArgumentException">The stream cannot be read, or the name is empty.</exception>
    public static ModelBundle Load(Stream stream, string displayName, Device? device = null) => ModelBundleReader.Read(stream, displayName, device);

    /// <summary>Releases the model's native memory.</summary>
    public void Dispose() => Model.Dispose();
}
