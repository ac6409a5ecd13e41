using GluonStyleText.Options;

namespace GluonStyleText.Models;

/// <summary>What <see cref="TextCnn"/> is built from, and nothing else of the options.</summary>
/// <param name="Embedding">The token embedding.</param>
/// <param name="KernelSizes">One convolution per size (<c>kernel_sizes</c>, or the seed's single <c>kernel_size</c>).</param>
/// <param name="Filters">Filters per convolution (<c>filters</c>, default <c>embed_size</c>).</param>
/// <param name="EmbeddingDropout">Dropout of whole embedding channels (<c>embedding_dropout</c>).</param>
/// <param name="Dropout">Dropout before the dense layer (<c>dropout</c>).</param>
/// <param name="MeanPooling">Whether mean pooling joins max pooling (<c>cnn_pooling</c> <c>max_mean</c>).</param>
/// <param name="WordBag">Whether the mean word vector joins the pooled features (<c>word_bag</c>).</param>
/// <param name="BigramBuckets">Rows of the hashed bigram table; 0 for none (<c>bigram_buckets</c>).</param>
/// <param name="BigramSize">Width of a bigram vector (<c>bigram_size</c>).</param>
/// <param name="NumberOfClasses">Logits (<c>n_classes</c>).</param>
/// <param name="Seed">Seeds torch's generator before the weights are drawn (<c>seed</c>).</param>
internal sealed record TextCnnHyperparameters(
    EmbeddingHyperparameters Embedding,
    IReadOnlyList<int> KernelSizes,
    int Filters,
    double EmbeddingDropout,
    double Dropout,
    bool MeanPooling,
    bool WordBag,
    int BigramBuckets,
    int BigramSize,
    int NumberOfClasses,
    int Seed)
{
    /// <summary>The CNN's part of the seed's flat options.</summary>
    public static TextCnnHyperparameters From(TextClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(
            EmbeddingHyperparameters.From(options),
            options.EffectiveKernelSizes,
            options.EffectiveFilters,
            options.EmbeddingDropout,
            options.Dropout,
            options.CnnPooling == CnnPoolingModes.MaxMean,
            options.WordBag == true,
            options.BigramBuckets,
            options.BigramSize,
            options.NumberOfClasses,
            options.Seed);
    }
}
