using TorchSharp;

namespace GluonStyleText.Embeddings;

/// <summary>
/// The initial weights of an embedding layer, one row per vocabulary id: pretrained vectors where the file has
/// the word, seeded random values where it does not, and zeros for the padding id 0.
/// </summary>
public sealed class EmbeddingMatrix
{
    /// <summary>Creates a matrix over row-major values.</summary>
    /// <param name="values">Row-major values, <paramref name="rows"/> times <paramref name="dimension"/> of them.</param>
    /// <param name="rows">Number of rows (vocabulary size).</param>
    /// <param name="dimension">Values per row.</param>
    /// <param name="wordsSearched">Vocabulary words looked up in the file (every id but the reserved 0 and 1).</param>
    /// <param name="wordsFound">Words that got a pretrained vector, their own or their lower-case form's.</param>
    /// <param name="wordsFoundByLowerCase">Of <paramref name="wordsFound"/>, those that got their lower-case form's vector.</param>
    public EmbeddingMatrix(float[] values, int rows, int dimension, int wordsSearched, int wordsFound, int wordsFoundByLowerCase)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        if (values.Length != (long)rows * dimension)
        {
            throw new ArgumentException($"Expected {(long)rows * dimension} values for {rows} x {dimension}, got {values.Length}.", nameof(values));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(wordsSearched);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(wordsFound, wordsSearched);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(wordsFoundByLowerCase, wordsFound);
        Values = values;
        Rows = rows;
        Dimension = dimension;
        WordsSearched = wordsSearched;
        WordsFound = wordsFound;
        WordsFoundByLowerCase = wordsFoundByLowerCase;
    }

    /// <summary>The values, row-major: row <c>id</c> starts at <c>id * Dimension</c>.</summary>
    public float[] Values { get; }

    /// <summary>Number of rows, the vocabulary size.</summary>
    public int Rows { get; }

    /// <summary>Values per row, the embedding size.</summary>
    public int Dimension { get; }

    /// <summary>Vocabulary words looked up in the file: every id except the reserved padding (0) and unknown (1).</summary>
    public int WordsSearched { get; }

    /// <summary>Vocabulary words that got a pretrained vector (their own or, see <see cref="WordsFoundByLowerCase"/>, their lower-case form's).</summary>
    public int WordsFound { get; }

    /// <summary>Of <see cref="WordsFound"/>, the words that got the vector of their lower-case form.</summary>
    public int WordsFoundByLowerCase { get; }

    /// <summary>Share of the searched words that got a pretrained vector, in [0, 1]; 0 when none were searched.</summary>
    public double Coverage => WordsSearched == 0 ? 0 : (double)WordsFound / WordsSearched;

    /// <summary>The values of one row.</summary>
    /// <param name="id">The vocabulary id.</param>
    /// <returns>The <see cref="Dimension"/> values of row <paramref name="id"/>.</returns>
    public ReadOnlySpan<float> GetRow(int id)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(id, Rows);
        return Values.AsSpan(id * Dimension, Dimension);
    }

    /// <summary>Copies the matrix into a new float32 tensor of shape [Rows, Dimension].</summary>
    /// <param name="device">Where the tensor lives; null for the CPU.</param>
    /// <returns>A tensor the caller owns (and disposes).</returns>
    public torch.Tensor ToTensor(torch.Device? device = null) =>
        torch.tensor(Values, [Rows, Dimension], torch.float32, device);
}
