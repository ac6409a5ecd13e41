namespace GluonStyleText.Samples.ClaimsDesk.Storage;

/// <summary>A CSV file received and checked: stored under <see cref="Path"/> (a generated name), shown as <see cref="FileName"/>.</summary>
/// <param name="Id">The generated id, the only handle a browser gets.</param>
/// <param name="FileName">The name the clerk's file had, for display only.</param>
/// <param name="Path">Where it is stored, inside the data folder.</param>
/// <param name="Length">Its size in bytes.</param>
/// <param name="Columns">Its header.</param>
internal sealed record UploadedCsv(string Id, string FileName, string Path, long Length, IReadOnlyList<string> Columns);
