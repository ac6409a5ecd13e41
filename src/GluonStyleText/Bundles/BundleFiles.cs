namespace GluonStyleText.Bundles;

/// <summary>The file names inside a model bundle; nothing else is ever read from one.</summary>
public static class BundleFiles
{
    /// <summary>The manifest: format, version, hashes, parameter shapes.</summary>
    public const string Manifest = "bundle.json";

    /// <summary>The training options (the seed's config keys plus ours).</summary>
    public const string Options = "options.json";

    /// <summary>The text transformer: tokenizer settings and vocabulary.</summary>
    public const string Transformer = "transformer.json";

    /// <summary>The label map: class id to label.</summary>
    public const string Labels = "labels.json";

    /// <summary>The model weights in TorchSharp's own format (no code, unlike a pickle).</summary>
    public const string Weights = "weights.bin";

    /// <summary>Evaluation metrics of the model, when known.</summary>
    public const string Metrics = "metrics.json";

    /// <summary>Parts every bundle has.</summary>
    public static IReadOnlyList<string> Required { get; } = [Options, Transformer, Labels, Weights];

    /// <summary>Every part a bundle may have besides the manifest.</summary>
    public static IReadOnlyList<string> All { get; } = [Options, Transformer, Labels, Weights, Metrics];
}
