using GluonStyleText.Data;
using GluonStyleText.Models;
using GluonStyleText.Options;
using GluonStyleText.Text;
using static TorchSharp.torch;

namespace GluonStyleText.Bundles;

/// <summary>
/// The rules that make a bundle's parts fit together, checked by the writer (so no bundle is written
/// that loading would refuse) and by the reader (so an edited one is refused).
/// </summary>
internal static class BundleConsistency
{
    /// <summary>What keeps the options, text transformer and labels from fitting together; null when they fit.</summary>
    public static string? PartsProblem(TextClassifierOptions options, TextTransformer transformer, LabelMap labels)
    {
        if (labels.Count != options.NumberOfClasses)
        {
            return $"{BundleFiles.Labels} has {labels.Count} labels but n_classes is {options.NumberOfClasses}.";
        }

        if (transformer.Vocabulary.Count > options.VocabularySize)
        {
            return $"{BundleFiles.Transformer} has {transformer.Vocabulary.Count} words but vocab_size is {options.VocabularySize}.";
        }

        return transformer.SequenceLength != options.SequenceLength
            ? $"{BundleFiles.Transformer} encodes {transformer.SequenceLength} tokens but seq_len is {options.SequenceLength}."
            : null;
    }

    /// <summary>What differs between the tensor shapes the options imply and <paramref name="shapes"/>; null when nothing does.</summary>
    /// <param name="implied">Shapes by parameter name of the model the options describe.</param>
    /// <param name="shapes">Shapes by parameter name to check.</param>
    /// <param name="where">Where <paramref name="shapes"/> come from, such as "the bundle" or "the model".</param>
    public static string? ShapesProblem(IReadOnlyDictionary<string, long[]> implied, IReadOnlyDictionary<string, long[]> shapes, string where)
    {
        foreach (var (name, shape) in implied)
        {
            if (!shapes.TryGetValue(name, out var actual))
            {
                return $"weight '{name}' that the options imply is not in {where}.";
            }

            if (actual is null || !actual.SequenceEqual(shape))
            {
                return $"weight '{name}' has shape {WeightsFile.Shape(actual ?? [])} in {where} but the options imply {WeightsFile.Shape(shape)}.";
            }
        }

        var extra = shapes.Keys.FirstOrDefault(name => !implied.ContainsKey(name));
        return extra is null ? null : $"weight '{extra}' in {where} is not part of the model its options describe.";
    }

    /// <summary>
    /// A lower bound of the number of weights of the model that <paramref name="options"/> describe (the large
    /// matrices only, no biases), computed without building it: a reader compares it with the size of the weights
    /// file before it lets libtorch allocate a model from options that could ask for terabytes.
    /// </summary>
    public static double MinimumWeightCount(TextClassifierOptions options)
    {
        double embed = options.EmbeddingSize;
        double classes = Math.Max(1, options.NumberOfClasses);
        double count = (double)options.VocabularySize * embed;
        if (options.Cnn)
        {
            double filters = options.EffectiveFilters;
            var kernels = options.EffectiveKernelSizes;
            count += kernels.Sum(size => filters * embed * Math.Max(1, size));
            count += options.BigramBuckets > 0 ? ((double)options.BigramBuckets + 1) * options.BigramSize : 0;
            count += filters * kernels.Count * classes;
        }
        else
        {
            double hidden = options.HiddenSize;
            double directions = options.Bidirectional ? 2 : 1;
            double gates = 4 * hidden;
            count += directions * gates * (embed + hidden);
            count += directions * (Math.Max(1, options.Layers) - 1) * gates * ((directions * hidden) + hidden);
            count += 2 * directions * hidden * classes;
        }

        return count;
    }

    /// <summary>Shape of every tensor of a model's state, by parameter name.</summary>
    public static Dictionary<string, long[]> ParameterShapes(nn.Module model) =>
        model.state_dict().ToDictionary(entry => entry.Key, entry => entry.Value.shape);

    /// <summary>
    /// The untrained model that <paramref name="options"/> describe. Building one seeds torch's global
    /// generator; its state is put back, so saving or loading a bundle leaves a caller's random numbers alone.
    /// </summary>
    public static nn.Module<Tensor, Tensor> CreateModel(TextClassifierOptions options)
    {
        using var state = get_rng_state();
        try
        {
            return TextClassifierModelFactory.Create(options);
        }
        finally
        {
            set_rng_state(state);
        }
    }

    /// <summary>The shapes of the model that <paramref name="options"/> describe.</summary>
    public static Dictionary<string, long[]> ImpliedShapes(TextClassifierOptions options)
    {
        using var model = CreateModel(options);
        return ParameterShapes(model);
    }
}
