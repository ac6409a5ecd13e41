using Microsoft.Extensions.Logging;

namespace GluonStyleText.Training;

/// <summary>The trainer's log messages, compiled once by the logging source generator.</summary>
internal static partial class TrainerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Training {Model} on {TrainingCount} texts (validation {ValidationCount}) on {Device}: epochs {FirstEpoch} to {LastEpoch}, {BatchesPerEpoch} batches of {BatchSize} per epoch, optimizer {Optimizer}")]
    public static partial void Started(ILogger logger, string model, int trainingCount, int validationCount, string device,
        int firstEpoch, int lastEpoch, int batchesPerEpoch, int batchSize, string optimizer);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "Resuming from the checkpoint in {Directory} after epoch {Epoch}")]
    public static partial void Resuming(ILogger logger, string directory, int epoch);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information,
        Message = "Epoch {Epoch} batch {Batch}/{BatchesPerEpoch}: loss {Loss:F4}, perplexity {Perplexity:F3}, {ExamplesPerSecond:F0} texts/s")]
    public static partial void BatchesDone(ILogger logger, int epoch, int batch, int batchesPerEpoch, double loss, double perplexity, double examplesPerSecond);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information,
        Message = "Epoch {Epoch}: training loss {TrainingLoss:F4}, validation loss {ValidationLoss:F4}, validation accuracy {ValidationAccuracy:P2}, learning rate {LearningRate:G4}, {Seconds:F1} s")]
    public static partial void EpochDone(ILogger logger, int epoch, double trainingLoss, double validationLoss, double validationAccuracy, double learningRate, double seconds);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information,
        Message = "Stopping early: the validation loss has not improved for {Patience} epochs")]
    public static partial void StoppedEarly(ILogger logger, int patience);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning,
        Message = "Training cancelled during epoch {Epoch}; keeping the best epoch so far ({BestEpoch})")]
    public static partial void Cancelled(ILogger logger, int epoch, string bestEpoch);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information,
        Message = "Restored the weights of epoch {Epoch} (validation loss {ValidationLoss:F4}, accuracy {ValidationAccuracy:P2})")]
    public static partial void RestoredBest(ILogger logger, int epoch, double validationLoss, double validationAccuracy);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information,
        Message = "Refitting a fresh {Model} on all {Count} texts for {Epochs} epochs, the number the validation chose")]
    public static partial void Refitting(ILogger logger, string model, int count, int epochs);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information,
        Message = "Refit epoch {Epoch}: training loss {TrainingLoss:F4}, learning rate {LearningRate:G4}")]
    public static partial void RefitEpochDone(ILogger logger, int epoch, double trainingLoss, double learningRate);
}
