namespace GluonStyleText.Data;

/// <summary>A labeled CSV file loaded into memory: its accepted rows as parallel lists, and their class ids.</summary>
/// <param name="Texts">The texts, in file order.</param>
/// <param name="ClassIds">The class id of each text, from <paramref name="LabelMap"/>.</param>
/// <param name="LineNumbers">The physical line where each text's row starts.</param>
/// <param name="LabelMap">The labels and their class ids.</param>
/// <param name="Summary">The counts of the read.</param>
public sealed record LabeledDataset(
    IReadOnlyList<string> Texts,
    IReadOnlyList<int> ClassIds,
    IReadOnlyList<long> LineNumbers,
    LabelMap LabelMap,
    LabeledCsvSummary Summary)
{
    /// <summary>Number of texts.</summary>
    public int Count => Texts.Count;
}
