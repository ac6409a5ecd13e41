using GluonStyleText.Prediction;
using GluonStyleText.Samples.ClaimsDesk.Storage;

namespace GluonStyleText.Samples.ClaimsDesk.Jobs;

/// <summary>Classifying one uploaded file: its progress, then the results file and what the results page shows.</summary>
internal sealed class BatchJob(UploadedCsv upload, string textColumn, string modelName) : DeskJob
{
    public UploadedCsv Upload { get; } = upload;

    public string TextColumn { get; } = textColumn;

    public string ModelName { get; } = modelName;

    /// <summary>The complete results file; null until the run has completed.</summary>
    public string? ResultsPath { get; private set; }

    public BatchResults? Results { get; private set; }

    /// <summary>The file name offered for download, from the clerk's own file name.</summary>
    public string DownloadName => Path.GetFileNameWithoutExtension(Upload.FileName) + "_classified.csv";

    public void Report(CsvPredictionProgress progress)
    {
        Fraction = progress.Fraction;
        Status = $"{progress.RowsDone:N0} rows classified ({progress.RowsPerSecond:N0} rows/s)";
    }

    public void Complete(string resultsPath, BatchResults results)
    {
        ResultsPath = resultsPath;
        Results = results;
        Complete($"{results.RowsRead:N0} rows classified, {results.NeedReview:N0} need review");
    }
}
