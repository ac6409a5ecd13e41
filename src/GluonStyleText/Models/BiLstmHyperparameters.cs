using GluonStyleText.Options;

namespace GluonStyleText.Models;

/// <summary>What <see cref="BiLstmClassifier"/> is built from, and nothing else of the options.</summary>
/// <param name="Embedding">The token embedding.</param>
/// <param name="HiddenSize">Units per LSTM direction (<c>hidden_size</c>).</param>
/// <param name="Layers">Stacked LSTM layers (<c>n_layers</c>).</param>
/// <param name="Bidirectional">Whether each layer also reads the text backwards (<c>bidirectional</c>).</param>
/// <param name="Dropout">Dropout on the embeddings, between layers and before the dense layer (<c>dropout</c>).</param>
/// <param name="NumberOfClasses">Logits (<c>n_classes</c>).</param>
/// <param name="Seed">Seeds torch's generator before the weights are drawn (<c>seed</c>).</param>
internal sealed record BiLstmHyperparameters(
    EmbeddingHyperparameters Embedding,
    int HiddenSize,
    int Layers,
    bool Bidirectional,
    double Dropout,
    int NumberOfClasses,
    int Seed)
{
    /// <summary>The LSTM's part of the seed's flat options.</summary>
    public static BiLstmHyperparameters From(TextClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(
            EmbeddingHyperparameters.From(options),
            options.HiddenSize,
            options.Layers,
            options.Bidirectional,
            options.Dropout,
            options.NumberOfClasses,
            options.Seed);
    }
}
