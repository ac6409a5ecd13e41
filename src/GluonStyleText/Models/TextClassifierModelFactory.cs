using GluonStyleText.Options;
using static TorchSharp.torch;

namespace GluonStyleText.Models;

/// <summary>
/// Creates the classifier the options ask for: the CNN when <c>cnn</c> is true, else the BiLSTM.
/// Each network takes only its own hyperparameters; this is where the seed's flat options are
/// translated into them.
/// </summary>
public static class TextClassifierModelFactory
{
    /// <summary>Creates the network on the CPU, optionally starting from pretrained word vectors.</summary>
    /// <param name="options">The classifier options.</param>
    /// <param name="pretrainedEmbedding">Optional <c>[vocab_size, embed_size]</c> word vectors; copied, not aliased.</param>
    /// <remarks>With <c>ensemble_size</c> above 1, an ensemble of that many networks (see <see cref="EnsembleMember"/>).</remarks>
    public static nn.Module<Tensor, Tensor> Create(TextClassifierOptions options, Tensor? pretrainedEmbedding = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        int size = options.EnsembleSize ?? 1;
        if (size > 1)
        {
            return new EnsembleClassifier(Enumerable.Range(0, size).Select(member => CreateSingle(EnsembleMember(options, member), pretrainedEmbedding)).ToArray());
        }

        return CreateSingle(options, pretrainedEmbedding);
    }

    /// <summary>Creates the network on the CPU, starting from pretrained word vectors given as a row-major <c>[vocab_size, embed_size]</c> array.</summary>
    /// <param name="options">The classifier options.</param>
    /// <param name="pretrainedEmbedding">Row-major word vectors, <c>vocab_size * embed_size</c> values; copied, not aliased.</param>
    public static nn.Module<Tensor, Tensor> Create(TextClassifierOptions options, float[] pretrainedEmbedding)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var matrix = EmbeddingInitializer.FromRowMajor(pretrainedEmbedding, EmbeddingHyperparameters.From(options));
        return Create(options, matrix);
    }

    /// <summary>The options of member <paramref name="member"/> (from 0) of an ensemble: one network, seeded with <c>seed</c> + <paramref name="member"/>.</summary>
    /// <param name="options">The ensemble's options.</param>
    /// <param name="member">The member's index.</param>
    internal static TextClassifierOptions EnsembleMember(TextClassifierOptions options, int member)
    {
        var single = options.Clone();
        single.EnsembleSize = null;
        single.Seed = unchecked(options.Seed + member);
        return single;
    }

    private static nn.Module<Tensor, Tensor> CreateSingle(TextClassifierOptions options, Tensor? pretrainedEmbedding) =>
        options.Cnn
            ? new TextCnn(TextCnnHyperparameters.From(options), pretrainedEmbedding)
            : new BiLstmClassifier(BiLstmHyperparameters.From(options), pretrainedEmbedding);
}
