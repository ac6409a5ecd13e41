using GluonStyleText.Data;
using GluonStyleText.Prediction;
using GluonStyleText.Samples.ClaimsDesk.Hosting;
using GluonStyleText.Samples.ClaimsDesk.Models;
using GluonStyleText.Samples.ClaimsDesk.Storage;
using Microsoft.Extensions.Options;

namespace GluonStyleText.Samples.ClaimsDesk.Jobs;

/// <summary>Classifies uploaded files with the library's <see cref="CsvBatchPredictor"/>, which writes the results file whole or not at all.</summary>
internal sealed partial class BatchRunner(ActiveModel model, DataFolder folder, JobRegistry jobs, IOptions<DeskOptions> options, IHostApplicationLifetime lifetime, ILogger<BatchRunner> logger)
{
    /// <summary>The second and third most probable categories go beside the first, for the clerk who reviews.</summary>
    public const int TopK = 3;

    /// <summary>Starts classifying <paramref name="upload"/>; the job reports its progress and results.</summary>
    /// <exception cref="UploadRejectedException">No active model, or the column is not in the file.</exception>
    public BatchJob Start(UploadedCsv upload, string? textColumn)
    {
        var (classifier, entry) = Prepare(upload, textColumn);
        var job = jobs.Add(new BatchJob(upload, textColumn!, entry.Name));
        _ = Task.Run(() => RunAsync(job, classifier), CancellationToken.None);
        return job;
    }

    /// <summary>Classifies <paramref name="upload"/> now, for the API; returns the complete results file.</summary>
    /// <param name="upload">The uploaded file.</param>
    /// <param name="textColumn">The column to classify.</param>
    /// <param name="forExcel">Excel-ready (byte order mark, formulas neutralised); false gives the cells as they were, for programs.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <exception cref="UploadRejectedException">No active model, the column is not in the file, or the file is bad.</exception>
    public async Task<(string Path, CsvPredictionSummary Summary)> RunNowAsync(UploadedCsv upload, string? textColumn, bool forExcel, CancellationToken cancellationToken)
    {
        var (classifier, _) = Prepare(upload, textColumn);
        var output = folder.PathIn(folder.Results, upload.Id + "_classified.csv");
        try
        {
            var summary = await Predictor(classifier, textColumn!, forExcel).PredictFileAsync(upload.Path, output, cancellationToken: cancellationToken);
            return (output, summary);
        }
        catch (DataFormatException e)
        {
            throw Problems.FromDataFormat(e, upload.FileName);
        }
    }

    private (TextClassifier Classifier, ModelEntry Entry) Prepare(UploadedCsv upload, string? textColumn)
    {
        if (model.Classifier is not { } classifier || model.Entry is not { } entry)
        {
            throw new UploadRejectedException(StatusCodes.Status503ServiceUnavailable, "No model", "There is no active model yet: train one, or start the desk with --model.");
        }

        if (string.IsNullOrEmpty(textColumn))
        {
            throw UploadRejectedException.BadRequest("Missing column", $"Choose the column that holds the claim text; '{upload.FileName}' has {Quoted(upload.Columns)}.");
        }

        if (!upload.Columns.Contains(textColumn, StringComparer.Ordinal))
        {
            throw new UploadRejectedException(StatusCodes.Status422UnprocessableEntity, "Missing column", $"'{upload.FileName}' has no column '{textColumn}'; its columns are {Quoted(upload.Columns)}.");
        }

        return (classifier, entry);
    }

    private async Task RunAsync(BatchJob job, TextClassifier classifier)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(job.CancellationToken, lifetime.ApplicationStopping);
        var predictor = Predictor(classifier, job.TextColumn);
        var output = folder.PathIn(folder.Results, job.Id + ".csv");
        try
        {
            await predictor.PredictFileAsync(job.Upload.Path, output, new InlineProgress<CsvPredictionProgress>(job.Report), stopping.Token);
            job.Complete(output, ResultsTable.Read(output, Options().PredictionColumn, Options().ReviewColumn, Options().ErrorColumn));
        }
        catch (DataFormatException e)
        {
            job.Fail(Problems.FromDataFormat(e, job.Upload.FileName).Detail);
        }
        catch (OperationCanceledException)
        {
            job.Cancelled("Cancelled; no results file was written.");
        }
        catch (Exception e)
        {
            // A run in the background has no caller to throw to: the clerk gets a sentence, the log the details.
            LogFailed(logger, e, job.Id);
            job.Fail("The file could not be classified; the desk's log has the details.");
        }
    }

    private CsvBatchPredictor Predictor(TextClassifier classifier, string textColumn, bool forExcel = true) => new(classifier, Options(textColumn, forExcel), logger);

    private CsvPredictionOptions Options(string textColumn = "text", bool forExcel = true) => new()
    {
        TextColumn = textColumn,
        TopK = TopK,
        ReviewBelow = options.Value.ReviewBelow,
        Excel = forExcel,
    };

    private static string Quoted(IEnumerable<string> columns) => string.Join(", ", columns.Select(column => $"'{column}'"));

    [LoggerMessage(Level = LogLevel.Error, Message = "Classifying the file of job {JobId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string jobId);
}
