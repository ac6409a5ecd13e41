using System.Text;

namespace GluonStyleText.Embeddings;

/// <summary>
/// Builds the initial embedding matrix of a vocabulary from a pretrained word-vectors file (GloVe text, fastText
/// <c>.vec</c> or word2vec binary, each optionally gzip-compressed), the way the seed initialised its embedding
/// from spaCy's vectors.
/// </summary>
/// <remarks>
/// The file is streamed: only the vectors of vocabulary words are kept, so a file of millions of words loads in
/// the memory of the matrix. Vocabulary ids 0 (padding) and 1 (unknown) are reserved: row 0 is all zeros and row
/// 1 random. Every other word takes its own vector, else (with <see cref="EmbeddingLoadOptions.LowerCaseFallback"/>)
/// that of its lower-case form, else seeded random values.
/// </remarks>
public static class PretrainedEmbeddingLoader
{
    private const int ReadBufferSize = 1 << 16;

    /// <summary>The largest dimension read, the upper bound of <see cref="EmbeddingLoadOptions.ExpectedDimension"/>.</summary>
    internal const int MaxDimension = 1_000_000;

    /// <summary>Loads the vectors of <paramref name="vocabularyWords"/> from a word-vectors file.</summary>
    /// <param name="path">The word-vectors file; gzip-compressed files are recognised by their content.</param>
    /// <param name="vocabularyWords">The vocabulary, indexed by id; ids 0 and 1 are the reserved padding and unknown words.</param>
    /// <param name="options">How to read the file and fill missing rows; null for the defaults.</param>
    /// <param name="linesRead">Receives the number of lines (binary files: words plus header) read so far.</param>
    /// <param name="cancellationToken">Stops the load.</param>
    /// <returns>The matrix, one row per vocabulary id, with its coverage.</returns>
    /// <exception cref="EmbeddingFormatException">The file is malformed, or its dimension is not <see cref="EmbeddingLoadOptions.ExpectedDimension"/>.</exception>
    /// <exception cref="ArgumentException">The vocabulary lacks the reserved ids or holds a null word, or the options are invalid.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static EmbeddingMatrix Load(
        string path,
        IReadOnlyList<string> vocabularyWords,
        EmbeddingLoadOptions? options = null,
        IProgress<long>? linesRead = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(vocabularyWords);
        if (vocabularyWords.Count < EmbeddingMatrixBuilder.ReservedIds)
        {
            throw new ArgumentException(
                "The vocabulary must start with the reserved padding (id 0) and unknown (id 1) words.", nameof(vocabularyWords));
        }

        options ??= new EmbeddingLoadOptions();
        options.Validate();
        var format = options.Format == WordVectorFormat.Auto && WordVectorFile.HasBinaryName(path)
            ? WordVectorFormat.Word2VecBinary
            : options.Format;

        using var stream = WordVectorFile.OpenDecompressed(path);
        if (format == WordVectorFormat.Word2VecBinary)
        {
            return Word2VecBinaryReader.Read(stream, path, vocabularyWords, options, linesRead, cancellationToken);
        }

        using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, ReadBufferSize);
        return TextWordVectorReader.Read(reader, path, format, vocabularyWords, options, linesRead, cancellationToken);
    }

    /// <summary>Checks the file's dimension against the expected one and starts the matrix.</summary>
    internal static EmbeddingMatrixBuilder CreateBuilder(
        string path, long lineNumber, int fileDimension, IReadOnlyList<string> vocabularyWords, EmbeddingLoadOptions options)
    {
        // The matrix is allocated from the header's dimension before any vector is read, so a damaged or hostile
        // header ("2 300000000") would claim gigabytes; no real vectors come near the embedding size's own limit.
        if (fileDimension > MaxDimension)
        {
            throw new EmbeddingFormatException(path, lineNumber,
                $"the vectors would have {fileDimension} values each, more than the {MaxDimension} an embedding may have; the header is damaged or this is not a word-vectors file");
        }

        if (options.ExpectedDimension is int expected && expected != fileDimension)
        {
            throw new EmbeddingFormatException(path, lineNumber,
                $"the vectors have {fileDimension} values, but the embedding size is {expected}; "
                + $"use {expected}-dimensional vectors or set the embedding size (embed_size) to {fileDimension}");
        }

        return new EmbeddingMatrixBuilder(vocabularyWords, fileDimension, options);
    }
}
