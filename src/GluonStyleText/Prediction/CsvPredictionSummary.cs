namespace GluonStyleText.Prediction;

/// <summary>What a CSV prediction run did. Always <c>RowsRead == RowsPredicted + RowsRejected</c>, and every input row is in the output.</summary>
/// <param name="InputPath">The input file.</param>
/// <param name="OutputPath">The output file, complete.</param>
/// <param name="RowsRead">Data rows read (the header not counted).</param>
/// <param name="RowsPredicted">Rows that got a prediction.</param>
/// <param name="RowsRejected">Rows written with an error instead of a prediction.</param>
/// <param name="ModelHash">SHA-256 of the model's weights.</param>
/// <param name="Elapsed">Wall time of the run.</param>
public sealed record CsvPredictionSummary(
    string InputPath,
    string OutputPath,
    long RowsRead,
    long RowsPredicted,
    long RowsRejected,
    string ModelHash,
    TimeSpan Elapsed);
