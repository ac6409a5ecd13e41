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

    [LoggerMessage(EventId = 4108, Level = LogLevel.Information, Message = "Training job {Name} runs on managed spot capacity: at most {MaxWaitSeconds} s in all, waits included; checkpoints in {CheckpointUri}")]
    public static partial void Spot(ILogger logger, string name, int maxWaitSeconds, string checkpointUri);

    // SageMaker's formula for what managed spot training saved: 1 - billable / training time.
    [LoggerMessage(EventId = 4109, Level = LogLevel.Information, Message = "Training job {Name}: {TrainingSeconds} s of training, {BillableSeconds} s billed (saved {Saving:P0})")]
    public static partial void Time(ILogger logger, string name, int trainingSeconds, int billableSeconds, double saving);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Warning, Message = "Could not ask SageMaker to stop training job {Name}; stop it with: aws sagemaker stop-training-job --training-job-name {Name}")]
    public static partial void StopFailed(ILogger logger, string name, Exception exception);
}
