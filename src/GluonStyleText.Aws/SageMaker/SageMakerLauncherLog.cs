using Microsoft.Extensions.Logging;

namespace GluonStyleText.Aws.SageMaker;

/// <summary>Log messages of <see cref="SageMakerTrainingLauncher"/>.</summary>
internal static partial class SageMakerLauncherLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Created SageMaker training job {Name} ({Arn}) on {InstanceType}; training data {Data}, output {Output}")]
    public static partial void Created(ILogger logger, string name, string arn, string instanceType, string data, string output);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Training job {Name}: {Status} / {SecondaryStatus}")]
    public static partial void Status(ILogger logger, string name, string status, string secondaryStatus);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Training job {Name}: {Step}: {Message}")]
    public static partial void Transition(ILogger logger, string name, string step, string message);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "Training job {Name} completed: model {ModelUri}")]
    public static partial void Completed(ILogger logger, string name, string modelUri);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning, Message = "Training job {Name} was stopped ({SecondaryStatus}) and saved the best model so far: {ModelUri}")]
    public static partial void StoppedWithModel(ILogger logger, string name, string secondaryStatus, string modelUri);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Warning, Message = "Waiting cancelled: asking SageMaker to stop training job {Name}")]
    public static partial void Stopping(ILogger logger, string name);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Warning, Message = "Could not ask SageMaker to stop training job {Name}; stop it with: aws sagemaker stop-training-job --training-job-name {Name}")]
    public static partial void StopFailed(ILogger logger, string name, Exception exception);
}
