namespace GluonStyleText.Samples.ClaimsDesk.Jobs;

/// <summary>What the results page shows of a classified file: counts over every row, and the first rows themselves.</summary>
/// <param name="Columns">The results file's header.</param>
/// <param name="Rows">The first <see cref="ResultsTable.MaxShownRows"/> rows, as written.</param>
/// <param name="RowsRead">Rows in the file.</param>
/// <param name="NeedReview">Rows flagged for review (low probability or not classifiable).</param>
/// <param name="Rejected">Rows that could not be classified, with their errors among <see cref="Rows"/>.</param>
/// <param name="PerCategory">Rows per predicted category, most first.</param>
/// <param name="FirstErrors">The first few row errors (each names its line), for the message above the table.</param>
internal sealed record BatchResults(
    IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyList<string>> Rows,
    long RowsRead,
    long NeedReview,
    long Rejected,
    IReadOnlyList<KeyValuePair<string, long>> PerCategory,
    IReadOnlyList<string> FirstErrors);
