namespace GluonStyleText.Evaluation;

/// <summary>
/// Which categories a confusion matrix shows to a reader: all of them up to <see cref="MaxCategories"/>, else the ones
/// with the most texts. A chart of thousands of categories (a label column of identifiers) has a label per cell and
/// took the process's memory; metrics.json keeps the whole matrix.
/// </summary>
internal static class ReadableConfusion
{
    /// <summary>The most categories drawn or tabled; 50-category sets (TREC's fine labels) are shown whole.</summary>
    public const int MaxCategories = 60;

    /// <summary>The class ids to show, in class-id order: every one, or the <see cref="MaxCategories"/> with the most actual texts (ties to the lower id).</summary>
    /// <param name="confusion">Counts, actual by predicted.</param>
    public static int[] Shown(IReadOnlyList<IReadOnlyList<int>> confusion)
    {
        ArgumentNullException.ThrowIfNull(confusion);
        var all = Enumerable.Range(0, confusion.Count);
        return confusion.Count <= MaxCategories
            ? [.. all]
            : [.. all.OrderByDescending(id => confusion[id].Sum(count => (long)count)).ThenBy(id => id).Take(MaxCategories).Order()];
    }

    /// <summary>"" when every category is shown, else a note saying which are, for titles and captions.</summary>
    /// <param name="shown">The ids <see cref="Shown"/> chose.</param>
    /// <param name="categories">All categories.</param>
    public static string Note(int[] shown, int categories) =>
        shown.Length == categories ? "" : $"the {shown.Length} categories with the most texts, of {categories:N0}";
}
