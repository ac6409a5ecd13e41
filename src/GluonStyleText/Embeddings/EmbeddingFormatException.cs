namespace GluonStyleText.Embeddings;

/// <summary>
/// A word-vectors file is malformed or does not fit the requested embedding. The message names the file, the
/// place and the problem, for example <c>glove.txt line 17: expected 100 values after the word, found 99</c>.
/// </summary>
public sealed class EmbeddingFormatException : FormatException
{
    /// <summary>Creates the exception for a problem at a line of a file.</summary>
    /// <param name="filePath">The file, as the caller named it.</param>
    /// <param name="lineNumber">The 1-based line (see <see cref="LineNumber"/>).</param>
    /// <param name="problem">What is wrong, without the file and line (they are prefixed).</param>
    public EmbeddingFormatException(string filePath, long lineNumber, string problem)
        : this(filePath, lineNumber, problem, $"{filePath} line {lineNumber}: {problem}")
    {
    }

    private EmbeddingFormatException(string filePath, long lineNumber, string problem, string message)
        : base(message)
    {
        FilePath = filePath;
        LineNumber = lineNumber;
        Problem = problem;
    }

    /// <summary>The file, as the caller named it.</summary>
    public string FilePath { get; }

    /// <summary>
    /// The 1-based line of a text file. In a word2vec binary file the header is line 1 and word <c>k</c> is line
    /// <c>k + 1</c>, as in the text layout of the same vectors.
    /// </summary>
    public long LineNumber { get; }

    /// <summary>What is wrong, without the file and place.</summary>
    public string Problem { get; }

    /// <summary>The exception for word <paramref name="wordNumber"/> of a word2vec binary file, which has no lines.</summary>
    internal static EmbeddingFormatException AtBinaryWord(string filePath, long wordNumber, long byteOffset, string problem) =>
        new(filePath, wordNumber + 1, problem, $"{filePath} word {wordNumber} (byte {byteOffset}): {problem}");
}
