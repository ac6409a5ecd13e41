using GluonStyleText.Options;
using GluonStyleText.Training;

namespace GluonStyleText.Models;

/// <summary>The token embedding both classifiers start with.</summary>
/// <param name="VocabularySize">Rows, row 0 being the padding (<c>vocab_size</c>).</param>
/// <param name="EmbeddingSize">Columns (<c>embed_size</c>).</param>
/// <param name="Freeze">Whether pretrained vectors stay as they are (<c>freeze_embeddings</c>); random ones always train.</param>
/// <param name="SparseGradients">
/// Whether the lookup tables emit sparse gradients: only under adam and adamw, which the trainer
/// replaces by its row-wise sparse Adam on them; the other optimizers need dense ones.
/// </param>
internal sealed record EmbeddingHyperparameters(int VocabularySize, int EmbeddingSize, bool Freeze, bool SparseGradients)
{
    /// <summary>The embedding's part of the seed's flat options.</summary>
    public static EmbeddingHyperparameters From(TextClassifierOptions options) =>
        new(options.VocabularySize, options.EmbeddingSize, options.FreezeEmbeddings, options.Optimizer is { } name && SparseRowAdam.Supports(name));
}
