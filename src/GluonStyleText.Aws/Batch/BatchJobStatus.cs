namespace GluonStyleText.Aws.Batch;

/// <summary>What AWS Batch reports about one job.</summary>
/// <param name="JobId">The job's id.</param>
/// <param name="JobName">The job's name.</param>
/// <param name="Status">The job's state.</param>
/// <param name="RawStatus">The state exactly as AWS Batch reported it.</param>
public sealed record BatchJobStatus(string JobId, string JobName, BatchJobState Status, string RawStatus)
{
    /// <summary>A human-readable reason for the current state (for example why it failed); null when none.</summary>
    public string? StatusReason { get; init; }

    /// <summary>When the job was submitted.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the job's last attempt started running.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the job stopped.</summary>
    public DateTimeOffset? StoppedAt { get; init; }

    /// <summary>The container's exit code, once it has exited.</summary>
    public int? ExitCode { get; init; }

    /// <summary>Why the container stopped, when AWS Batch says (for example an out-of-memory kill).</summary>
    public string? ContainerReason { get; init; }

    /// <summary>The CloudWatch Logs stream of the container (in the <c>/aws/batch/job</c> group by default).</summary>
    public string? LogStreamName { get; init; }

    /// <summary>Whether the job has finished, successfully or not.</summary>
    public bool IsFinished => Status is BatchJobState.Succeeded or BatchJobState.Failed;
}
