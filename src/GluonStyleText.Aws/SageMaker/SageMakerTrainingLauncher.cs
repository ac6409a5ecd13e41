using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GluonStyleText.Aws.SageMaker;

/// <summary>
/// Starts a SageMaker training job of the GluonStyleText image and follows it to the end: the
/// hyperparameters are checked against SageMaker's limits, the job gets a valid name, and its status is polled
/// (backing off while nothing changes) until it completes, fails or is stopped.
/// </summary>
public static class SageMakerTrainingLauncher
{
    private static readonly TimeSpan StopRequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Creates the training job and waits for it.</summary>
    /// <param name="options">What to train, where, with which image and role.</param>
    /// <param name="client">SageMaker (<see cref="SageMakerJsonClient"/>), or a fake in tests.</param>
    /// <param name="logger">Receives the job's name and every status change.</param>
    /// <param name="progress">Told the job's description whenever its status or secondary status changes.</param>
    /// <param name="cancellationToken">Stops waiting; with <see cref="SageMakerLaunchOptions.StopJobOnCancel"/> the job is stopped too.</param>
    /// <returns>The job's name and the S3 URI of its <c>model.tar.gz</c>.</returns>
    /// <exception cref="ArgumentException">An option is missing or invalid; nothing was created.</exception>
    /// <exception cref="SageMakerTrainingJobException">The job failed, or was stopped without a model; the message has SageMaker's reason.</exception>
    public static async Task<SageMakerTrainingOutcome> RunAsync(
        SageMakerLaunchOptions options,
        ISageMakerTrainingJobs client,
        ILogger? logger = null,
        IProgress<TrainingJobDescription>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        logger ??= NullLogger.Instance;
        var request = CreateRequest(options, DateTimeOffset.UtcNow);
        var created = await client.CreateTrainingJobAsync(request, cancellationToken).ConfigureAwait(false);
        SageMakerLauncherLog.Created(logger, created.TrainingJobName, created.TrainingJobArn, request.InstanceType, request.TrainingDataS3Uri, request.OutputS3Uri);
        if (request.EnableManagedSpotTraining)
        {
            SageMakerLauncherLog.Spot(logger, created.TrainingJobName, request.MaxWaitTimeInSeconds!.Value, request.CheckpointS3Uri ?? "none");
        }

        TrainingJobDescription final;
        try
        {
            final = await WaitAsync(created.TrainingJobName, options, client, logger, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && options.StopJobOnCancel)
        {
            await StopAsync(created.TrainingJobName, client, logger).ConfigureAwait(false);
            throw;
        }

        if (final.TrainingTimeInSeconds is { } trainingSeconds && final.BillableTimeInSeconds is { } billableSeconds)
        {
            SageMakerLauncherLog.Time(logger, final.TrainingJobName, trainingSeconds, billableSeconds, 1 - ((double)billableSeconds / Math.Max(1, trainingSeconds)));
        }

        if (final.S3ModelArtifacts is { Length: > 0 } model && final.Status is TrainingJobState.Completed or TrainingJobState.Stopped)
        {
            if (final.Status == TrainingJobState.Completed)
            {
                SageMakerLauncherLog.Completed(logger, final.TrainingJobName, model);
            }
            else
            {
                SageMakerLauncherLog.StoppedWithModel(logger, final.TrainingJobName, final.SecondaryStatus, model);
            }

            return new SageMakerTrainingOutcome(final.TrainingJobName, model, final);
        }

        throw new SageMakerTrainingJobException(final);
    }

    /// <summary>
    /// The training job request <see cref="RunAsync"/> would create: the hyperparameters as given,
    /// and the given or a derived job name.
    /// </summary>
    /// <param name="options">The launch options.</param>
    /// <param name="utcNow">The time a derived job name carries.</param>
    /// <returns>A validated request.</returns>
    /// <exception cref="ArgumentException">An option is missing or invalid.</exception>
    public static TrainingJobRequest CreateRequest(SageMakerLaunchOptions options, DateTimeOffset utcNow)
    {
        ArgumentNullException.ThrowIfNull(options);
        Require(options.Image, nameof(SageMakerLaunchOptions.Image), "the training image URI, such as the stack's ImageUri output");
        Require(options.RoleArn, nameof(SageMakerLaunchOptions.RoleArn), "the SageMaker execution role ARN, such as the stack's SageMakerExecutionRoleArn output");
        Require(options.TrainingDataUri, nameof(SageMakerLaunchOptions.TrainingDataUri), "the S3 prefix of the labeled CSV files");
        Require(options.OutputUri, nameof(SageMakerLaunchOptions.OutputUri), "the S3 prefix for the model");
        if (options.PollInterval < TimeSpan.Zero || options.MaxPollInterval < options.PollInterval)
        {
            throw new ArgumentException(
                $"{nameof(SageMakerLaunchOptions)}.{nameof(SageMakerLaunchOptions.PollInterval)} ({options.PollInterval}) must be at least zero and at most {nameof(SageMakerLaunchOptions.MaxPollInterval)} ({options.MaxPollInterval}).",
                nameof(options));
        }

        var runtimeSeconds = Math.Ceiling(options.MaxRuntime.TotalSeconds);
        if (runtimeSeconds is < 1 or > int.MaxValue)
        {
            throw new ArgumentException(
                $"{nameof(SageMakerLaunchOptions)}.{nameof(SageMakerLaunchOptions.MaxRuntime)} must be positive (was {options.MaxRuntime}).", nameof(options));
        }

        var maxWaitSeconds = MaxWaitSeconds(options, runtimeSeconds);
        ArgumentNullException.ThrowIfNull(options.Hyperparameters);
        var hyperparameters = options.Hyperparameters;
        var name = options.JobName ?? DeriveJobName(options, hyperparameters, utcNow);
        var request = new TrainingJobRequest
        {
            TrainingJobName = name,
            TrainingImage = options.Image,
            RoleArn = options.RoleArn,
            TrainingDataS3Uri = options.TrainingDataUri,
            OutputS3Uri = options.OutputUri,
            InstanceType = options.InstanceType,
            VolumeSizeInGB = options.VolumeSizeInGB,
            MaxRuntimeInSeconds = (int)runtimeSeconds,
            EnableManagedSpotTraining = options.UseSpotInstances,
            MaxWaitTimeInSeconds = maxWaitSeconds,
            CheckpointS3Uri = options.CheckpointUri ?? (options.UseSpotInstances ? DefaultCheckpointUri(options.OutputUri, name) : null),
            HyperParameters = hyperparameters,
        };
        request.Validate();
        return request;
    }

    // Beside SageMaker's <job name>/output/, under the job's own name, so that only a restart of this job resumes from them.
    private static string DefaultCheckpointUri(string outputUri, string jobName) => $"{outputUri.TrimEnd('/')}/{jobName}/checkpoints/";

    private static int? MaxWaitSeconds(SageMakerLaunchOptions options, double runtimeSeconds)
    {
        if (!options.UseSpotInstances)
        {
            if (options.MaxWait is not null)
            {
                throw new ArgumentException(
                    $"{nameof(SageMakerLaunchOptions)}.{nameof(SageMakerLaunchOptions.MaxWait)} ({options.MaxWait}) applies to spot training only: set {nameof(SageMakerLaunchOptions.UseSpotInstances)} too, or leave it unset.",
                    nameof(options));
            }

            return null;
        }

        var maxWait = Math.Ceiling(options.MaxWait?.TotalSeconds ?? Math.Min(2 * runtimeSeconds, int.MaxValue));
        if (maxWait < runtimeSeconds || maxWait > int.MaxValue)
        {
            throw new ArgumentException(
                $"{nameof(SageMakerLaunchOptions)}.{nameof(SageMakerLaunchOptions.MaxWait)} ({options.MaxWait}) must be at least {nameof(SageMakerLaunchOptions.MaxRuntime)} ({options.MaxRuntime}): SageMaker counts the waits for spot capacity and the running time together.",
                nameof(options));
        }

        return (int)maxWait;
    }

    private static string DeriveJobName(SageMakerLaunchOptions options, IReadOnlyDictionary<string, string> hyperparameters, DateTimeOffset utcNow)
    {
        var stamp = utcNow.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        return TrainingJobNames.Create(
            $"{options.JobNamePrefix}-{stamp}",
            options.Image,
            options.TrainingDataUri,
            options.OutputUri,
            options.InstanceType,
            JsonSerializer.Serialize(hyperparameters));
    }

    private static async Task<TrainingJobDescription> WaitAsync(
        string name,
        SageMakerLaunchOptions options,
        ISageMakerTrainingJobs client,
        ILogger logger,
        IProgress<TrainingJobDescription>? progress,
        CancellationToken cancellationToken)
    {
        var delay = options.PollInterval;
        string? lastStatus = null;
        var transitionsLogged = 0;
        while (true)
        {
            var description = await client.DescribeTrainingJobAsync(name, cancellationToken).ConfigureAwait(false);
            var status = $"{description.RawStatus}/{description.SecondaryStatus}";
            if (status != lastStatus)
            {
                lastStatus = status;
                delay = options.PollInterval;
                SageMakerLauncherLog.Status(logger, name, description.RawStatus, description.SecondaryStatus);
                progress?.Report(description);
            }
            else
            {
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxPollInterval.Ticks));
            }

            foreach (var transition in description.SecondaryStatusTransitions.Skip(transitionsLogged))
            {
                SageMakerLauncherLog.Transition(logger, name, transition.Status, transition.StatusMessage ?? "");
            }

            transitionsLogged = Math.Max(transitionsLogged, description.SecondaryStatusTransitions.Count);
            if (description.IsFinished)
            {
                return description;
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task StopAsync(string name, ISageMakerTrainingJobs client, ILogger logger)
    {
        SageMakerLauncherLog.Stopping(logger, name);
        using var timeout = new CancellationTokenSource(StopRequestTimeout);
        try
        {
            await client.StopTrainingJobAsync(name, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The caller's cancellation is what gets reported; the log says how to stop the job by hand.
            SageMakerLauncherLog.StopFailed(logger, name, e);
        }
    }

    private static void Require(string? value, string name, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{nameof(SageMakerLaunchOptions)}.{name} is required: {what}.", name);
        }
    }
}
