using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GluonStyleText.Models;

// TorchSharp names a module's parameters after its fields (RegisterComponents): "embedding.weight" is
// in every saved bundle and checkpoint, so these fields keep their names rather than the _camelCase rule.
#pragma warning disable IDE1006

/// <summary>
/// The seed's recurrent classifier, made padding-aware: token embedding, dropout, a stack of
/// (bi)directional LSTM layers that only ever read each text's real tokens (fresh zero state every
/// call), the concatenated mean and max of the last layer's outputs over those tokens, dropout and
/// a dense layer to the class logits. Texts are right-padded with id 0; a text with no real token
/// pools to zeros.
/// </summary>
/// <remarks>
/// The backward direction reads each text reversed within its own length, so that its real tokens
/// come first and the padding last, where it cannot influence them. That is what packed sequences
/// do, but libtorch's CPU backward through packed sequences grows with the square of the sequence
/// length (about 20 times slower than this at seq_len 500), hence one LSTM per layer and direction.
/// </remarks>
internal sealed class BiLstmClassifier : nn.Module<Tensor, Tensor>, ISparseRowTables
{
    private readonly Embedding embedding;
    private readonly Dropout embeddingDropout;
    private readonly ModuleList<LSTM> forwardLayers;
    private readonly ModuleList<LSTM> backwardLayers;
    private readonly Dropout interLayerDropout;
    private readonly Dropout featureDropout;
    private readonly Linear output;
    private readonly long hiddenSize;

    /// <summary>
    /// Builds the network. Reseeds torch's global generator with the hyperparameters' seed so that
    /// the initial weights are reproducible.
    /// </summary>
    /// <param name="hyperparameters">The network's shape.</param>
    /// <param name="pretrainedEmbedding">Optional <c>[vocab_size, embed_size]</c> word vectors to start from; copied, not aliased.</param>
    public BiLstmClassifier(BiLstmHyperparameters hyperparameters, Tensor? pretrainedEmbedding = null)
        : base(nameof(BiLstmClassifier))
    {
        ArgumentNullException.ThrowIfNull(hyperparameters);
        var h = hyperparameters;
        torch.manual_seed(h.Seed);
        hiddenSize = h.HiddenSize;
        embedding = EmbeddingInitializer.Create(h.Embedding, pretrainedEmbedding);
        embeddingDropout = nn.Dropout(h.Dropout);

        int directions = h.Bidirectional ? 2 : 1;
        long layerOutputWidth = directions * hiddenSize;
        int inputWidth = h.Embedding.EmbeddingSize;
        forwardLayers = nn.ModuleList(Enumerable.Range(0, h.Layers)
            .Select(layer => nn.LSTM(layer == 0 ? inputWidth : layerOutputWidth, hiddenSize, batchFirst: true))
            .ToArray());
        backwardLayers = nn.ModuleList(Enumerable.Range(0, h.Bidirectional ? h.Layers : 0)
            .Select(layer => nn.LSTM(layer == 0 ? inputWidth : layerOutputWidth, hiddenSize, batchFirst: true))
            .ToArray());
        interLayerDropout = nn.Dropout(h.Dropout);
        featureDropout = nn.Dropout(h.Dropout);
        output = nn.Linear(2 * layerOutputWidth, h.NumberOfClasses);
        RegisterComponents();
        SparseRowParameterNames = h.Embedding.SparseGradients ? ["embedding.weight"] : [];
    }

    /// <inheritdoc/>
    IReadOnlyList<string> ISparseRowTables.SparseRowParameterNames => SparseRowParameterNames;

    private string[] SparseRowParameterNames { get; }

    /// <summary>Class logits <c>[batch, n_classes]</c> for token ids <c>[batch, seq_len]</c> (int64, right-padded with 0).</summary>
    /// <param name="input">Token ids.</param>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = NewDisposeScope();
        var isToken = input.ne(0);
        var reversal = ReversalWithinLengths(isToken);

        var states = embeddingDropout.call(embedding.call(input));
        for (int layer = 0; layer < forwardLayers.Count; layer++)
        {
            if (layer > 0)
            {
                states = interLayerDropout.call(states);
            }

            var (forwardStates, _, _) = forwardLayers[layer].call(states);
            if (backwardLayers.Count == 0)
            {
                states = forwardStates;
                continue;
            }

            var (backwardStates, _, _) = backwardLayers[layer].call(Reorder(states, reversal));
            states = cat([forwardStates, Reorder(backwardStates, reversal)], 2);
        }

        var features = PoolOverTokens(states, isToken);
        return output.call(featureDropout.call(features)).MoveToOuterDisposeScope();
    }

    // For every text, position t < length maps to length - 1 - t and padding maps to itself; the
    // length runs to the last real token. The mapping is its own inverse.
    private static Tensor ReversalWithinLengths(Tensor isToken)
    {
        long steps = isToken.shape[1];
        var positions = arange(steps, dtype: ScalarType.Int64, device: isToken.device).unsqueeze(0);
        var lengths = (isToken.to(ScalarType.Int64) * (positions + 1)).amax([1], keepdim: true);
        return where(positions < lengths, lengths - 1 - positions, positions);
    }

    private static Tensor Reorder(Tensor states, Tensor reversal) =>
        states.gather(1, reversal.unsqueeze(-1).expand(states.shape[0], states.shape[1], states.shape[2]));

    private static Tensor PoolOverTokens(Tensor states, Tensor isToken)
    {
        var tokenMask = isToken.unsqueeze(-1);
        var tokenWeights = tokenMask.to(states.dtype);
        var tokenCounts = tokenWeights.sum(1);
        var mean = (states * tokenWeights).sum(1) / tokenCounts.clamp_min(1);

        // Filling padding with the lowest float keeps it out of the max; texts without a token
        // would keep that value, so they are reset to zero like their mean.
        var max = states.masked_fill(tokenMask.logical_not(), float.MinValue).amax([1]);
        max = where(tokenCounts > 0, max, zeros_like(max));
        return cat([mean, max], 1);
    }
}
