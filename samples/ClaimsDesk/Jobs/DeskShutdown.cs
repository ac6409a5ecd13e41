using GluonStyleText.Data;
using GluonStyleText.Samples.ClaimsDesk.Storage;

namespace GluonStyleText.Samples.ClaimsDesk.Jobs;

/// <summary>
/// Nothing finished is lost across a restart. At start, the half-written files of a desk that was killed (a model
/// bundle's temporary zip or folder) are deleted. At shutdown, the desk waits for a training run to save and list its
/// best model: the run is told to stop when the host stops, and without this wait the process exited mid-save,
/// losing the model and leaving its temporary folder.
/// </summary>
internal sealed partial class DeskShutdown(TrainingRunner training, DataFolder folder, ILogger<DeskShutdown> logger) : IHostedService
{
    /// <summary>How long a shutdown waits for a training run to save its model (a large bundle takes seconds).</summary>
    public static readonly TimeSpan SaveTimeout = TimeSpan.FromMinutes(2);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var leftover in AtomicFile.DeleteLeftovers(folder.Models))
        {
            LogLeftoverDeleted(logger, leftover);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var running = training.WhenIdleAsync();
        if (!running.IsCompleted)
        {
            LogWaiting(logger);
            await running.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Path}, left half-written by a desk that was stopped")]
    private static partial void LogLeftoverDeleted(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting for the training run to save its best model before shutting down")]
    private static partial void LogWaiting(ILogger logger);
}
