using Microsoft.Extensions.Logging;

namespace GluonStyleText.Aws.Host.SageMaker;

/// <summary>Log messages of <see cref="SageMakerTrainingEntrypoint"/>.</summary>
internal static partial class SageMakerEntrypointLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "SageMaker training: hyperparameters {Path}, training data {Channel}, model {Model}")]
    public static partial void Starting(ILogger logger, string path, string channel, string model);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "No hyperparameters file at {Path}; training with the default options")]
    public static partial void NoHyperparameters(ILogger logger, string path);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Read {Rows} labeled texts from {File}")]
    public static partial void ReadFile(ILogger logger, string file, int rows);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Resuming from the checkpoint in {Directory}: epoch {Epoch} completed, training continues with epoch {NextEpoch}")]
    public static partial void Resuming(ILogger logger, string directory, int epoch, int nextEpoch);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Warning, Message = "The checkpoint in {Directory} is incomplete ({Reason}); training afresh")]
    public static partial void IncompleteCheckpoint(ILogger logger, string directory, string reason);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Stop requested (SIGTERM): finishing with the best model so far")]
    public static partial void StopRequested(ILogger logger);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "Model bundle written to {Model} (best epoch {Epoch}, validation accuracy {Accuracy:P2}, stopped early by a stop request: {Stopped})")]
    public static partial void Saved(ILogger logger, string model, int epoch, double accuracy, bool stopped);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Error, Message = "SageMaker training failed: {Reason}")]
    public static partial void Failed(ILogger logger, string reason, Exception? exception);
}
