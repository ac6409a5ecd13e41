using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GluonStyleText.Models;

/// <summary>
/// Builds the token embedding both classifiers start from, so that they agree on the padding row,
/// the pretrained-matrix checks and the random range.
/// </summary>
internal static class EmbeddingInitializer
{
    /// <summary>Half-width of the uniform range used when no pretrained vectors are given.</summary>
    internal const double UniformRange = 0.1;

    /// <summary>
    /// An embedding of <c>vocab_size</c> x <c>embed_size</c> whose row 0 (padding) is zero and never
    /// updated; filled from <paramref name="pretrained"/> when given (frozen if
    /// <see cref="EmbeddingHyperparameters.Freeze"/>), else uniformly at random from torch's
    /// generator, which the caller has seeded.
    /// </summary>
    internal static Embedding Create(EmbeddingHyperparameters options, Tensor? pretrained)
    {
        var embedding = nn.Embedding(options.VocabularySize, options.EmbeddingSize, padding_idx: 0, sparse: options.SparseGradients);
        using (NewDisposeScope())
        using (no_grad())
        {
            if (pretrained is null)
            {
                embedding.weight!.uniform_(-UniformRange, UniformRange);
            }
            else
            {
                CheckShape(options, pretrained);
                embedding.weight!.copy_(pretrained.detach().to(ScalarType.Float32, CPU));
            }

            embedding.weight![0].zero_();
        }

        embedding.weight!.requires_grad = pretrained is null || !options.Freeze;
        return embedding;
    }

    /// <summary>Wraps a row-major <c>[vocab, dim]</c> array as a tensor without checking it (Create does).</summary>
    internal static Tensor FromRowMajor(float[] pretrained, EmbeddingHyperparameters options)
    {
        ArgumentNullException.ThrowIfNull(pretrained);
        long expected = (long)options.VocabularySize * options.EmbeddingSize;
        if (pretrained.LongLength != expected)
        {
            throw new ArgumentException(
                $"The pretrained embedding has {pretrained.LongLength} values, but vocab_size ({options.VocabularySize}) x embed_size ({options.EmbeddingSize}) = {expected}.",
                nameof(pretrained));
        }

        return tensor(pretrained, [options.VocabularySize, options.EmbeddingSize]);
    }

    private static void CheckShape(EmbeddingHyperparameters options, Tensor pretrained)
    {
        var shape = pretrained.shape;
        if (shape.Length != 2 || shape[0] != options.VocabularySize || shape[1] != options.EmbeddingSize)
        {
            throw new ArgumentException(
                $"The pretrained embedding has shape [{string.Join(", ", shape)}], but the options need [vocab_size, embed_size] = [{options.VocabularySize}, {options.EmbeddingSize}].",
                nameof(pretrained));
        }
    }
}
