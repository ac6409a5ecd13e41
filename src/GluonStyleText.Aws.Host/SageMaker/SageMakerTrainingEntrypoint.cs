using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using GluonStyleText.Data;
using GluonStyleText.Options;
using GluonStyleText.Training;
using Microsoft.Extensions.Logging;

namespace GluonStyleText.Aws.Host.SageMaker;

/// <summary>
/// What the container does when SageMaker starts it as <c>IMAGE train</c>: reads the
/// hyperparameters and the <c>training</c> channel's CSV files, trains, and leaves the model bundle
/// in <c>/opt/ml/model</c> (which SageMaker uploads as <c>model.tar.gz</c>), a report in
/// <c>/opt/ml/output/data</c>, a checkpoint after every epoch in <c>/opt/ml/checkpoints</c>, and on
/// failure a one-line reason in <c>/opt/ml/output/failure</c>.
/// </summary>
/// <remarks>
/// SageMaker stops a job (stop request, maximum runtime, spot interruption) with SIGTERM and kills
/// it two minutes later. SIGTERM, like cancelling the token, ends training before the next batch;
/// the best model so far is saved and the last epoch's checkpoint stays in place, and a restarted
/// job (managed spot training) resumes from that checkpoint.
/// </remarks>
public static class SageMakerTrainingEntrypoint
{
    /// <summary>Exit code of a run that saved a model, including one stopped early by SIGTERM.</summary>
    public const int SuccessExitCode = 0;

    /// <summary>Exit code of a run that saved no model; the reason is in <see cref="SageMakerPaths.FailureFile"/>.</summary>
    public const int FailureExitCode = 1;

    /// <summary>SageMaker shows at most this many characters of the failure file.</summary>
    public const int MaxFailureReasonLength = 1024;

    /// <summary>Runs the training job and returns the process exit code; never throws for a failed run.</summary>
    /// <param name="paths">The SageMaker folders; <see cref="SageMakerPaths.Default"/> in a real job.</param>
    /// <param name="logger">Receives progress; SageMaker sends the container's output to CloudWatch Logs.</param>
    /// <param name="progress">Told after every training batch.</param>
    /// <param name="cancellationToken">Stops training like SIGTERM does: the best model so far is saved.</param>
    /// <returns><see cref="SuccessExitCode"/> when a model was saved, else <see cref="FailureExitCode"/>.</returns>
    public static async Task<int> RunAsync(
        SageMakerPaths paths,
        ILogger logger,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(logger);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stopSignal = RegisterStopSignal(stop, logger);
        try
        {
            // Training is synchronous and long; keep it off the caller's thread.
            return await Task.Run(() => Train(paths, logger, progress, stop.Token), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var reason = e is OperationCanceledException
                ? "Training was stopped before it started; no model was saved."
                : OneLine(e.Message);
            return Fail(paths, logger, reason, e);
        }
    }

    private static int Train(SageMakerPaths paths, ILogger logger, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        SageMakerEntrypointLog.Starting(logger, paths.HyperparametersFile, paths.TrainingChannelDirectory, paths.ModelDirectory);
        var options = LoadOptions(paths, logger);
        var data = SageMakerTrainingData.Load(paths.TrainingChannelDirectory, options, logger, cancellationToken);
        var resumedAfterEpoch = CompletedCheckpointEpoch(paths.CheckpointDirectory);
        // An unreadable checkpoint (-1) is resumed all the same: the trainer's error says what is wrong with it.
        if (resumedAfterEpoch is >= 0 and var epoch)
        {
            SageMakerEntrypointLog.Resuming(logger, paths.CheckpointDirectory, epoch, epoch + 1);
        }

        var staging = Directory.CreateTempSubdirectory("gluonstyletext-sagemaker-");
        try
        {
            var run = new TrainingRunOptions
            {
                CheckpointDirectory = paths.CheckpointDirectory,
                ResumeFrom = resumedAfterEpoch is null ? null : paths.CheckpointDirectory,
            };
            var bundle = Path.Combine(staging.FullName, "bundle");
            TextClassifierTrainingResult result;
            try
            {
                try
                {
                    result = new TextClassifierTrainer(options, logger).Train(data.Texts, data.Labels, bundle, run, progress, cancellationToken);
                }
                catch (FileNotFoundException e) when (run.ResumeFrom is not null && IsIn(paths.CheckpointDirectory, e.FileName))
                {
                    // SageMaker uploads checkpoint files one by one: an instance lost without warning can leave S3 with a
                    // checkpoint.json whose weights never arrived. Training afresh costs time; failing would cost the job.
                    SageMakerEntrypointLog.IncompleteCheckpoint(logger, paths.CheckpointDirectory, e.Message);
                    resumedAfterEpoch = null;
                    run = run with { ResumeFrom = null };
                    result = new TextClassifierTrainer(options, logger).Train(data.Texts, data.Labels, bundle, run, progress, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopped inside the first epoch: the trainer saves no untrained weights.
                return Fail(paths, logger, "Training was stopped before its first epoch completed; no model was saved.", exception: null);
            }

            var training = result.Training;
            var bestEpoch = training.BestEpoch!.Value;

            PublishModel(bundle, paths.ModelDirectory);
            new SageMakerTrainingReport
            {
                TrainingFiles = data.Files.Select(file => Path.GetRelativePath(paths.TrainingChannelDirectory, file).Replace('\\', '/')).ToList(),
                Rows = data.Texts.Count,
                Labels = result.Labels.Labels,
                ResumedAfterEpoch = resumedAfterEpoch,
                BestEpoch = bestEpoch,
                Stopped = training.Cancelled,
                StoppedEarly = training.StoppedEarly,
                ValidationMetrics = training.BestValidationMetrics,
                History = training.History,
                Seconds = stopwatch.Elapsed.TotalSeconds,
            }.Write(paths.OutputDataDirectory);
            SageMakerEntrypointLog.Saved(logger, paths.ModelDirectory, bestEpoch, training.BestValidationMetrics?.Accuracy ?? double.NaN, training.Cancelled);
            return SuccessExitCode;
        }
        finally
        {
            staging.Delete(recursive: true);
        }
    }

    private static TextClassifierOptions LoadOptions(SageMakerPaths paths, ILogger logger)
    {
        IReadOnlyDictionary<string, string> values = new Dictionary<string, string>();
        if (File.Exists(paths.HyperparametersFile))
        {
            values = SageMakerHyperparameters.Read(paths.HyperparametersFile);
        }
        else
        {
            SageMakerEntrypointLog.NoHyperparameters(logger, paths.HyperparametersFile);
        }

        var options = TextClassifierOptionsLoader.FromStrings(values, paths.HyperparametersFile, logger).Options;
        // Word vectors travel with the training data, so a relative path names a file in the channel.
        if (!string.IsNullOrWhiteSpace(options.EmbeddingsPath) && !Path.IsPathRooted(options.EmbeddingsPath))
        {
            options.EmbeddingsPath = Path.Combine(paths.TrainingChannelDirectory, options.EmbeddingsPath);
        }

        return options;
    }

    private static int? CompletedCheckpointEpoch(string checkpointDirectory)
    {
        try
        {
            return TrainingCheckpoints.CompletedEpoch(checkpointDirectory);
        }
        catch (InvalidDataException)
        {
            // The trainer reports an unreadable checkpoint with its own, clearer message.
            return -1;
        }
    }

    private static bool IsIn(string directory, string? file) =>
        file is not null
        && string.Equals(Path.GetDirectoryName(Path.GetFullPath(file)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)), StringComparison.Ordinal);

    // SageMaker's model folder may be a mount point, so the bundle's files are copied into it
    // rather than the folder being replaced; bundle.json goes last, as it names the others.
    private static void PublishModel(string bundleDirectory, string modelDirectory)
    {
        Directory.CreateDirectory(modelDirectory);
        var files = Directory.GetFiles(bundleDirectory)
            .OrderBy(file => Path.GetFileName(file) == GluonStyleText.Bundles.BundleFiles.Manifest)
            .ThenBy(file => file, StringComparer.Ordinal);
        foreach (var file in files)
        {
            AtomicFile.WriteUsingPath(Path.Combine(modelDirectory, Path.GetFileName(file)), temporary => File.Copy(file, temporary));
        }
    }

    private static int Fail(SageMakerPaths paths, ILogger logger, string reason, Exception? exception)
    {
        SageMakerEntrypointLog.Failed(logger, reason, exception);
        WriteFailure(paths, reason);
        return FailureExitCode;
    }

    private static void WriteFailure(SageMakerPaths paths, string reason)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(paths.FailureFile)!);
            File.WriteAllText(paths.FailureFile, reason + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The exit code and the log still report the failure.
        }
    }

    private static string OneLine(string message)
    {
        var line = string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= MaxFailureReasonLength ? line : line[..(MaxFailureReasonLength - 3)] + "...";
    }

    private static PosixSignalRegistration? RegisterStopSignal(CancellationTokenSource stop, ILogger logger)
    {
        try
        {
            return PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                // Keep the process alive until the best model is saved; SageMaker kills it after two minutes anyway.
                context.Cancel = true;
                SageMakerEntrypointLog.StopRequested(logger);
                stop.Cancel();
            });
        }
        catch (PlatformNotSupportedException)
        {
            return null;
        }
    }
}
