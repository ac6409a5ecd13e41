using System.Globalization;
using GluonStyleText.Models;

namespace GluonStyleText.Prediction;

/// <summary>
/// What a CSV prediction run (of a whole file, or of one shard) did. Always <c>RowsRead == RowsPredicted + RowsRejected</c>,
/// and every input row is in the output; the summaries of a file's shards add up to the whole file's.
/// </summary>
/// <param name="InputPath">The input file, or the name given for an input stream.</param>
/// <param name="OutputPath">The output file, complete; empty when the output was a stream.</param>
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
    TimeSpan Elapsed)
{
    /// <summary>
    /// Rows among <see cref="RowsRejected"/> whose class probabilities came out NaN or infinite: the model or this
    /// machine's native kernels are at fault, not the row, so a caller should treat any as a failed run.
    /// </summary>
    public long RowsWithNonFiniteOutput { get; init; }

    /// <summary>
    /// Fails the run when any row got a NaN or infinite output: call it after the output is written, so that the
    /// rows' errors can be read, and before the output is published or reported as done.
    /// </summary>
    /// <exception cref="NonFiniteNumbersException"><see cref="RowsWithNonFiniteOutput"/> is not 0.</exception>
    public void ThrowIfAnyNonFiniteOutput()
    {
        if (RowsWithNonFiniteOutput > 0)
        {
            throw new NonFiniteNumbersException(string.Create(CultureInfo.InvariantCulture,
                $"{RowsWithNonFiniteOutput:N0} of the {RowsRead:N0} rows of {InputPath} got a NaN output from the model instead of a prediction (their error column says so). {NonFiniteNumbersException.Advice}"));
        }
    }
}
