namespace GluonStyleText.Training;

/// <summary>
/// Encoded texts with their class ids, as the models consume them: token ids row-major
/// <c>[count, sequence_length]</c>, right-padded with 0, and one class id per row.
/// </summary>
internal sealed class EncodedDataset
{
    private readonly long[] _tokenIds;
    private readonly int[] _labels;
    private readonly int[] _lengths;

    /// <summary>Wraps (without copying) encoded texts and their class ids.</summary>
    /// <param name="tokenIds">Row-major token ids, <c>labels.Length * sequenceLength</c> values, none negative.</param>
    /// <param name="labels">One class id per text, none negative.</param>
    /// <param name="sequenceLength">Tokens per text (the row width).</param>
    /// <exception cref="ArgumentException">The sizes disagree or an id is negative.</exception>
    public EncodedDataset(long[] tokenIds, int[] labels, int sequenceLength)
    {
        ArgumentNullException.ThrowIfNull(tokenIds);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequenceLength, 1);
        if (tokenIds.LongLength != (long)labels.Length * sequenceLength)
        {
            throw new ArgumentException(
                $"{tokenIds.LongLength} token ids do not make {labels.Length} rows of {sequenceLength} (expected {(long)labels.Length * sequenceLength}).",
                nameof(tokenIds));
        }

        int negativeLabel = Array.FindIndex(labels, label => label < 0);
        if (negativeLabel >= 0)
        {
            throw new ArgumentException($"Row {negativeLabel} has a negative class id ({labels[negativeLabel]}).", nameof(labels));
        }

        int negativeToken = Array.FindIndex(tokenIds, id => id < 0);
        if (negativeToken >= 0)
        {
            throw new ArgumentException(
                $"Row {negativeToken / sequenceLength}, position {negativeToken % sequenceLength} has a negative token id ({tokenIds[negativeToken]}).",
                nameof(tokenIds));
        }

        this._tokenIds = tokenIds;
        this._labels = labels;
        SequenceLength = sequenceLength;
        _lengths = MeasureLengths(tokenIds, labels.Length, sequenceLength);
    }

    /// <summary>Number of texts.</summary>
    public int Count => _labels.Length;

    /// <summary>Tokens per text.</summary>
    public int SequenceLength { get; }

    /// <summary>Row-major token ids, <see cref="Count"/> x <see cref="SequenceLength"/>.</summary>
    public ReadOnlyMemory<long> TokenIds => _tokenIds;

    /// <summary>The class id of each text.</summary>
    public ReadOnlyMemory<int> Labels => _labels;

    /// <summary>
    /// Per row, the width up to and including its last non-padding id (0 for an empty text), so that a
    /// batch can be cut to its longest text instead of <see cref="SequenceLength"/>.
    /// </summary>
    internal ReadOnlyMemory<int> Lengths => _lengths;

    /// <summary>The token ids of text <paramref name="row"/>.</summary>
    /// <param name="row">Row index, from 0.</param>
    public ReadOnlySpan<long> Row(int row) => _tokenIds.AsSpan(row * SequenceLength, SequenceLength);

    /// <summary>A new dataset made of the given rows, in that order (copied).</summary>
    /// <param name="rows">Row indices into this dataset.</param>
    public EncodedDataset Subset(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var subsetIds = new long[(long)rows.Count * SequenceLength];
        var subsetLabels = new int[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            Row(rows[i]).CopyTo(subsetIds.AsSpan(i * SequenceLength, SequenceLength));
            subsetLabels[i] = _labels[rows[i]];
        }

        return new EncodedDataset(subsetIds, subsetLabels, SequenceLength);
    }

    /// <summary>
    /// Splits the texts at random (reproducibly for a given <paramref name="seed"/>) into a training part and a
    /// validation part holding about <paramref name="validationFraction"/> of them, at least one text each,
    /// stratified by class: every class with at least 2 texts has at least one in validation, each class keeps
    /// about its share, and a class with a single text stays in training. When every text has a class of its
    /// own, the split is a plain random one.
    /// </summary>
    /// <param name="validationFraction">Share held out for validation, in (0, 1).</param>
    /// <param name="seed">Seed of the shuffle.</param>
    /// <exception cref="ArgumentException">The fraction is outside (0, 1) or there are fewer than 2 texts.</exception>
    public (EncodedDataset Training, EncodedDataset Validation) Split(double validationFraction, int seed)
    {
        if (!(validationFraction > 0 && validationFraction < 1))
        {
            throw new ArgumentException(
                $"validation_fraction must be between 0 and 1 (exclusive), not {validationFraction}.", nameof(validationFraction));
        }

        if (Count < 2)
        {
            throw new ArgumentException($"At least 2 texts are needed to hold some out for validation; there are {Count}.", nameof(validationFraction));
        }

        var (training, validation) = StratifiedSplit.Rows(_labels, validationFraction, seed);
        return (Subset(training), Subset(validation));
    }

    /// <summary>Throws when a class id is not below <paramref name="numberOfClasses"/>, naming the first such row.</summary>
    /// <param name="numberOfClasses">The number of classes the model distinguishes.</param>
    /// <exception cref="ArgumentException">A class id is too large.</exception>
    public void CheckClassIds(int numberOfClasses)
    {
        int row = Array.FindIndex(_labels, label => label >= numberOfClasses);
        if (row >= 0)
        {
            throw new ArgumentException(
                $"Row {row} has class id {_labels[row]}, but n_classes is {numberOfClasses} (ids 0 to {numberOfClasses - 1}).");
        }
    }

    /// <summary>Throws when a token id is not below <paramref name="vocabularySize"/>, naming the first such row and position.</summary>
    /// <param name="vocabularySize">The number of rows of the model's embedding.</param>
    /// <exception cref="ArgumentException">A token id is too large.</exception>
    public void CheckTokenIds(long vocabularySize)
    {
        int index = Array.FindIndex(_tokenIds, id => id >= vocabularySize);
        if (index >= 0)
        {
            throw new ArgumentException(
                $"Row {index / SequenceLength}, position {index % SequenceLength} has token id {_tokenIds[index]}, but vocab_size is {vocabularySize} (ids 0 to {vocabularySize - 1}).");
        }
    }

    /// <summary>Copies the token ids of <paramref name="rows"/> into <paramref name="destination"/>, row after row.</summary>
    internal void CopyRows(ReadOnlySpan<int> rows, Span<long> destination) => CopyRows(rows, destination, SequenceLength);

    /// <summary>
    /// Copies the first <paramref name="width"/> token ids of each of <paramref name="rows"/> into
    /// <paramref name="destination"/>, row after row; a width below a row's length would cut that text.
    /// </summary>
    internal void CopyRows(ReadOnlySpan<int> rows, Span<long> destination, int width)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, SequenceLength);
        for (int i = 0; i < rows.Length; i++)
        {
            Row(rows[i])[..width].CopyTo(destination.Slice(i * width, width));
        }
    }

    // The last non-zero id rather than the count of non-zero ids, so that trimming can never cut a
    // text even if an id 0 ever appeared inside one.
    private static int[] MeasureLengths(long[] tokenIds, int count, int sequenceLength)
    {
        var measured = new int[count];
        for (int row = 0; row < count; row++)
        {
            var ids = tokenIds.AsSpan(row * sequenceLength, sequenceLength);
            measured[row] = ids.LastIndexOfAnyExcept(0L) + 1;
        }

        return measured;
    }
}
