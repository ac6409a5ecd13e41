namespace GluonStyleText.Prediction;

/// <summary>Progress of a CSV prediction run.</summary>
/// <param name="RowsDone">Rows written so far.</param>
/// <param name="BytesRead">Input bytes consumed so far.</param>
/// <param name="TotalBytes">Input size: the file, the header and the shard for a shard, 0 for a stream that cannot seek.</param>
/// <param name="RowsPerSecond">Throughput so far.</param>
public readonly record struct CsvPredictionProgress(long RowsDone, long BytesRead, long TotalBytes, double RowsPerSecond)
{
    /// <summary>Share of the input consumed, in [0, 1].</summary>
    public double Fraction => TotalBytes > 0 ? Math.Min(1.0, (double)BytesRead / TotalBytes) : 1.0;
}
