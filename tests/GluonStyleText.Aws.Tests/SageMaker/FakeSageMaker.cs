using GluonStyleText.Aws.SageMaker;

namespace GluonStyleText.Aws.Tests.SageMaker;

/// <summary>A SageMaker that answers DescribeTrainingJob from a script, one description per call (the last repeats).</summary>
internal sealed class FakeSageMaker(params (string Status, string Secondary)[] script) : ISageMakerTrainingJobs
{
    private int _describes;

    public List<TrainingJobRequest> Created { get; } = [];

    public List<string> Stopped { get; } = [];

    public string? FailureReason { get; init; }

    public string? ModelArtifacts { get; init; } = "s3://models-bucket/sagemaker/job/output/model.tar.gz";

    /// <summary>The training and billable seconds a finished job reports; null reports neither.</summary>
    public (int Training, int Billable)? Time { get; init; }

    /// <summary>Called before each describe returns, with the number of the call (from 1).</summary>
    public Action<int>? OnDescribe { get; init; }

    public Task<CreatedTrainingJob> CreateTrainingJobAsync(TrainingJobRequest request, CancellationToken cancellationToken = default)
    {
        Created.Add(request);
        return Task.FromResult(new CreatedTrainingJob(request.TrainingJobName, $"arn:aws:sagemaker:eu-west-1:123456789012:training-job/{request.TrainingJobName}"));
    }

    public Task<TrainingJobDescription> DescribeTrainingJobAsync(string trainingJobName, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var call = ++_describes;
        OnDescribe?.Invoke(call);
        var (status, secondary) = script[Math.Min(call, script.Length) - 1];
        var state = Enum.TryParse<TrainingJobState>(status, out var parsed) ? parsed : TrainingJobState.Unknown;
        var finished = state is TrainingJobState.Completed or TrainingJobState.Failed or TrainingJobState.Stopped;
        var created = new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);
        return Task.FromResult(new TrainingJobDescription(trainingJobName, "arn", state, status, secondary, created)
        {
            FailureReason = state == TrainingJobState.Failed ? FailureReason : null,
            S3ModelArtifacts = finished ? ModelArtifacts : null,
            TrainingTimeInSeconds = finished ? Time?.Training : null,
            BillableTimeInSeconds = finished ? Time?.Billable : null,
            SecondaryStatusTransitions = script.Take(call).Select(s => s.Secondary).Distinct()
                .Select((s, i) => new TrainingStatusTransition(s, created.AddMinutes(i), null, $"{s} step")).ToList(),
        });
    }

    public Task StopTrainingJobAsync(string trainingJobName, CancellationToken cancellationToken = default)
    {
        Stopped.Add(trainingJobName);
        return Task.CompletedTask;
    }
}
