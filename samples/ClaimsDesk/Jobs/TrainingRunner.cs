using GluonStyleText.Data;
using GluonStyleText.Evaluation;
using GluonStyleText.Models;
using GluonStyleText.Options;
using GluonStyleText.Samples.ClaimsDesk.Models;
using GluonStyleText.Samples.ClaimsDesk.Storage;
using GluonStyleText.Training;
using Microsoft.Extensions.Options;

namespace GluonStyleText.Samples.ClaimsDesk.Jobs;

/// <summary>
/// Trains models with the library's <see cref="TextClassifierTrainer"/>, one at a time (a run uses every core),
/// from the training options registered with <c>AddGluonStyleText</c> and the columns the clerk chose.
/// </summary>
internal sealed partial class TrainingRunner(IOptions<TextClassifierOptions> baseOptions, ModelCatalog catalog, DataFolder folder, JobRegistry jobs, IHostApplicationLifetime lifetime, ILogger<TrainingRunner> logger)
{
    private readonly SemaphoreSlim _one = new(1, 1);
    private Task _running = Task.CompletedTask;

    /// <exception cref="UploadRejectedException">A column is missing, the two are the same, or a run is already going.</exception>
    public TrainingJob Start(UploadedCsv upload, string? textColumn, string? labelColumn)
    {
        foreach (var (role, column) in new[] { ("text", textColumn), ("label", labelColumn) })
        {
            if (string.IsNullOrEmpty(column) || !upload.Columns.Contains(column, StringComparer.Ordinal))
            {
                throw new UploadRejectedException(StatusCodes.Status422UnprocessableEntity, "Missing column",
                    $"Choose the {role} column; '{upload.FileName}' has {string.Join(", ", upload.Columns.Select(c => $"'{c}'"))}.");
            }
        }

        if (textColumn == labelColumn)
        {
            throw UploadRejectedException.BadRequest("Same column twice", "The text and the label must be different columns.");
        }

        if (!_one.Wait(0))
        {
            throw new UploadRejectedException(StatusCodes.Status409Conflict, "Already training", "A model is being trained; wait for it to finish or cancel it.");
        }

        var job = jobs.Add(new TrainingJob(upload, textColumn!, labelColumn!));
        _running = Task.Run(() => RunAsync(job), CancellationToken.None);
        return job;
    }

    /// <summary>
    /// Completes when no training runs: once the host is stopping, a run past its first epoch saves its best model
    /// and lists it, and shutting down waits for that (<see cref="DeskShutdown"/>).
    /// </summary>
    public Task WhenIdleAsync() => _running;

    private async Task RunAsync(TrainingJob job)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(job.CancellationToken, lifetime.ApplicationStopping);
        var (name, bundlePath) = catalog.NewModel();
        try
        {
            var options = baseOptions.Value.Clone();
            options.TextColumn = job.TextColumn;
            options.LabelColumn = job.LabelColumn;
            var trainer = new TextClassifierTrainer(options, logger);
            var result = await trainer.TrainFromCsvAsync(job.Upload.Path, bundlePath, progress: new InlineProgress<TrainingProgress>(job.Report), cancellationToken: stopping.Token);
            // The bundle is saved: a report that cannot be written (fonts missing on a server, a full disk) costs the
            // report, never the model, which is listed either way.
            string? reportFolder = null;
            if (result.ValidationMetrics is { } metrics)
            {
                try
                {
                    reportFolder = folder.PathIn(folder.Reports, name);
                    EvaluationReport.Write(reportFolder, metrics, result.Labels.Labels, result.Training);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    LogReportFailed(logger, e, job.Id, name);
                    reportFolder = null;
                }
            }

            var entry = new ModelEntry(name, bundlePath, DateTimeOffset.UtcNow, job.Upload.FileName, result.ValidationMetrics?.Accuracy, reportFolder);
            catalog.Add(entry);
            job.Complete(entry, result.ValidationMetrics, result.Labels.Labels, result.Training.Cancelled);
        }
        catch (DataFormatException e)
        {
            job.Fail(Problems.FromDataFormat(e, job.Upload.FileName).Detail);
        }
        catch (OperationCanceledException)
        {
            job.Cancelled("Cancelled before the first epoch finished; no model was saved.");
        }
        catch (Exception e)
        {
            // A run in the background has no caller to throw to: the clerk gets a sentence, the log the details.
            LogFailed(logger, e, job.Id);
            job.Fail(e is ArgumentException or OptionsValidationException or NonFiniteNumbersException or NativeKernelCheckException or InsufficientMemoryException or IOException
                ? $"The model could not be trained: {e.Message}"
                : "The model could not be trained; the desk's log has the details.");
        }
        finally
        {
            _one.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Training job {JobId}: model {Model} was saved and listed, but its report could not be written")]
    private static partial void LogReportFailed(ILogger logger, Exception exception, string jobId, string model);

    [LoggerMessage(Level = LogLevel.Error, Message = "Training job {JobId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string jobId);
}
