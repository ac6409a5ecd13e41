using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GluonStyleText.Models;

// TorchSharp names a module's parameters after its fields (RegisterComponents): "embedding.weight" is
// in every saved bundle and checkpoint, so these fields keep their names rather than the _camelCase rule.
#pragma warning disable IDE1006

/// <summary>
/// The seed's convolutional classifier, generalised to several kernel sizes (Kim, 2014): token
/// embedding, one 1-D convolution over the sequence per kernel size (each spanning the whole
/// embedding width), ReLU, max over time, concatenation, dropout and a dense layer to the class
/// logits. With the defaults (one kernel of 8 rows and <c>embed_size</c> filters) it is the seed's
/// network. Max (and, with <c>cnn_pooling</c> <c>max_mean</c>, also mean) pooling runs only over the
/// windows that start on a real token, so the logits do not depend on the padding. With <c>bigram_buckets</c> a
/// <see cref="HashedBigramBag"/> adds the text's mean bigram vector beside the pooled features.
/// </summary>
internal sealed class TextCnnOld : nn.Module<Tensor, Tensor>, ISparseRowTables
{
    private readonly Embedding embedding;
    private readonly Dropout2d embeddingDropout;
    private readonly ModuleList<Conv1d> convolutions;
    private readonly Dropout dropout;
    private readonly HashedBigramBag? bigrams;
    private readonly Linear output;
    private readonly long longestKernel;
    private readonly bool addMeanPooling;
    private readonly bool addWordBag;

    /// <summary>
    /// Builds the network. Reseeds torch's global generator with the hyperparameters' seed so that
    /// the initial weights are reproducible.
    /// </summary>
    /// <param name="hyperparameters">The network's shape.</param>
    /// <param name="pretrainedEmbedding">Optional <c>[vocab_size, embed_size]</c> word vectors to start from; copied, not aliased.</param>
    public TextCnnOld(TextCnnHyperparameters hyperparameters, Tensor? pretrainedEmbedding = null)
        : base("TextCnn")
    {
        ArgumentNullException.ThrowIfNull(hyperparameters);
        var h = hyperparameters;
        var kernelSizes = h.KernelSizes;
        if (kernelSizes.Any(size => size < 1))
        {
            throw new ArgumentException($"Every CNN kernel size must be at least 1 (kernel_sizes: [{string.Join(", ", kernelSizes)}]).", nameof(hyperparameters));
        }

        torch.manual_seed(h.Seed);
        int filters = h.Filters;
        embedding = EmbeddingInitializer.Create(h.Embedding, pretrainedEmbedding);
        embeddingDropout = nn.Dropout2d(h.EmbeddingDropout);
        convolutions = nn.ModuleList(kernelSizes
            .Select(size => nn.Conv1d(h.Embedding.EmbeddingSize, filters, size))
            .ToArray());
        dropout = nn.Dropout(h.Dropout);
        addMeanPooling = h.MeanPooling;
        int featuresPerFilter = addMeanPooling ? 2 : 1;
        int bigramFeatures = h.BigramBuckets > 0 ? h.BigramSize : 0;
        addWordBag = h.WordBag;
        int wordBagFeatures = addWordBag ? h.Embedding.EmbeddingSize : 0;
        output = nn.Linear((filters * kernelSizes.Count * featuresPerFilter) + wordBagFeatures + bigramFeatures, h.NumberOfClasses);

        // Drawn last, so that turning the bag on leaves the other layers' initial weights as they were.
        bigrams = bigramFeatures > 0
            ? new HashedBigramBag(h.BigramBuckets, h.BigramSize, EmbeddingInitializer.UniformRange, h.Embedding.SparseGradients)
            : null;
        longestKernel = kernelSizes.Max();
        RegisterComponents();
        SparseRowParameterNames = !h.Embedding.SparseGradients ? []
            : bigrams is null ? ["embedding.weight"]
            : ["embedding.weight", "bigrams.vectors.weight"];
    }

    /// <inheritdoc/>
    IReadOnlyList<string> ISparseRowTables.SparseRowParameterNames => SparseRowParameterNames;

    private string[] SparseRowParameterNames { get; }

    /// <summary>Class logits <c>[batch, n_classes]</c> for token ids <c>[batch, seq_len]</c> (int64, 0 = padding).</summary>
    /// <param name="input">Token ids.</param>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = NewDisposeScope();
        var tokenIds = PadForLongestKernel(input);
        var wordVectors = embedding.call(tokenIds);
        var channelsFirst = DropWordVectors(wordVectors).transpose(1, 2);
        var isToken = tokenIds.ne(0).unsqueeze(1).to(channelsFirst.dtype);
        // In place: ReLU's backward needs only its output, so the convolution's own output need not be kept.
        var pooled = convolutions
            .SelectMany(convolution => Pool(convolution.call(channelsFirst).relu_(), isToken, addMeanPooling))
            .ToList();
        var features = dropout.call(pooled.Count == 1 ? pooled[0] : cat(pooled, 1));
        if (addWordBag)
        {
            // The padding row is zero, so the sum over all positions is the sum over the real tokens.
            var tokens = isToken.sum(2).clamp_min(1);
            features = cat([features, wordVectors.sum(1) / tokens], 1);
        }
        if (bigrams is not null)
        {
            // No dropout on the bag: its mean over hundreds of pairs is already a smoothed signal.
            features = cat([features, bigrams.call(tokenIds)], 1);
        }

        return output.call(features).MoveToOuterDisposeScope();
    }

    // Dropout2d zeroes whole channels; with the words as channels ([batch, words, 1, width]) it
    // drops whole word vectors, which regularises better than scattered single values.
    private Tensor DropWordVectors(Tensor wordVectors) =>
        embeddingDropout.call(wordVectors.unsqueeze(2)).squeeze(2);

    // Right padding means window t starts on a real token exactly when token t is real, so the
    // first columns of the token mask select the windows that count. Only those enter the max and
    // the mean, which is what makes the logits independent of how much padding a batch carries.
    // ReLU outputs are >= 0, so zeroing the other windows before the max is exact whenever a text
    // has a token, and gives a finite 0 (like the mean) for a text without one.
    private static IEnumerable<Tensor> Pool(Tensor activations, Tensor isToken, bool addMean)
    {
        var windowStartsOnToken = isToken.narrow(2, 0, activations.shape[2]);
        // Without gradients (evaluation, prediction) nothing needs the ReLU output again, so the mask can
        // overwrite it: one activation-sized tensor per kernel less in every pass.
        var counted = is_grad_enabled() ? activations * windowStartsOnToken : activations.mul_(windowStartsOnToken);
        yield return counted.amax([2]);
        if (addMean)
        {
            var windows = windowStartsOnToken.sum(2).clamp_min(1);
            yield return counted.sum(2) / windows;
        }
    }

    // Longest kernel - 1 zeros after every text, so that each kernel has a window starting on every
    // real token whatever padding the caller gave (none, for a batch cut to its longest text): the
    // windows that start on a text's last tokens then see the same padding ids as at full seq_len.
    private Tensor PadForLongestKernel(Tensor tokenIds) =>
        longestKernel > 1 ? nn.functional.pad(tokenIds, [0, longestKernel - 1], value: 0) : tokenIds;
}
