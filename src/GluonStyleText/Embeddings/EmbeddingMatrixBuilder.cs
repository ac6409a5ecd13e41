namespace GluonStyleText.Embeddings;

/// <summary>
/// Collects, while a file streams by, the vectors of the vocabulary's words into the matrix rows. Only words of
/// the vocabulary (or their lower-case forms) are wanted, so the file itself is never held in memory.
/// </summary>
internal sealed class EmbeddingMatrixBuilder
{
    /// <summary>Ids 0 (padding) and 1 (unknown) are reserved and never looked up.</summary>
    internal const int ReservedIds = 2;

    private enum RowSource : byte
    {
        Random,
        LowerCaseForm,
        ExactWord,
    }

    private readonly Dictionary<string, List<int>> _rowsByWord = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _rowsByLowerCaseForm = new(StringComparer.Ordinal);
    private readonly RowSource[] _sources;
    private readonly float[] _values;
    private readonly int _rows;
    private readonly int _dimension;

    public EmbeddingMatrixBuilder(IReadOnlyList<string> vocabularyWords, int dimension, EmbeddingLoadOptions options)
    {
        _rows = vocabularyWords.Count;
        this._dimension = dimension;
        if ((long)_rows * dimension > Array.MaxLength)
        {
            throw new ArgumentException(
                $"A {_rows} x {dimension} embedding matrix is larger than one array can hold; reduce the vocabulary size.",
                nameof(vocabularyWords));
        }

        _values = new float[_rows * dimension];
        _sources = new RowSource[_rows];
        FillRandomRows(options);
        for (int id = ReservedIds; id < _rows; id++)
        {
            string word = vocabularyWords[id]
                ?? throw new ArgumentException($"Vocabulary word {id} is null.", nameof(vocabularyWords));
            Add(_rowsByWord, word, id);
            string lower = word.ToLowerInvariant();
            if (options.LowerCaseFallback && !string.Equals(lower, word, StringComparison.Ordinal))
            {
                Add(_rowsByLowerCaseForm, lower, id);
            }
        }
    }

    public bool Wants(string fileWord) =>
        _rowsByWord.ContainsKey(fileWord) || _rowsByLowerCaseForm.ContainsKey(fileWord);

    /// <summary>
    /// Takes the vector of a file word. A word's own vector beats its lower-case form's whatever their order in
    /// the file; otherwise the first vector a row gets stays (files list the frequent, better trained form first).
    /// </summary>
    public void Accept(string fileWord, ReadOnlySpan<float> vector)
    {
        if (_rowsByWord.TryGetValue(fileWord, out var exactRows))
        {
            foreach (int id in exactRows)
            {
                if (_sources[id] != RowSource.ExactWord)
                {
                    vector.CopyTo(_values.AsSpan(id * _dimension, _dimension));
                    _sources[id] = RowSource.ExactWord;
                }
            }
        }

        if (_rowsByLowerCaseForm.TryGetValue(fileWord, out var lowerCaseRows))
        {
            foreach (int id in lowerCaseRows)
            {
                if (_sources[id] == RowSource.Random)
                {
                    vector.CopyTo(_values.AsSpan(id * _dimension, _dimension));
                    _sources[id] = RowSource.LowerCaseForm;
                }
            }
        }
    }

    public EmbeddingMatrix Build()
    {
        int found = 0;
        int foundByLowerCase = 0;
        foreach (var source in _sources)
        {
            found += source == RowSource.Random ? 0 : 1;
            foundByLowerCase += source == RowSource.LowerCaseForm ? 1 : 0;
        }

        int searched = Math.Max(0, _rows - ReservedIds);
        return new EmbeddingMatrix(_values, _rows, _dimension, searched, found, foundByLowerCase);
    }

    /// <summary>
    /// Every row but padding gets its random values up front, in id order, so that a word's random row depends
    /// only on the seed and its id, not on which other words the file happens to have.
    /// </summary>
    private void FillRandomRows(EmbeddingLoadOptions options)
    {
        var random = new Random(options.Seed);
        double range = options.InitRange;
        for (int i = Math.Min(1, _rows) * _dimension; i < _values.Length; i++)
        {
            _values[i] = (float)((random.NextDouble() * 2 - 1) * range);
        }
    }

    private static void Add(Dictionary<string, List<int>> index, string word, int id)
    {
        if (!index.TryGetValue(word, out var ids))
        {
            index[word] = ids = new List<int>(1);
        }

        ids.Add(id);
    }
}
