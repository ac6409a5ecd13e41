namespace GluonStyleText.Aws.Batch;

/// <summary>
/// Submits and watches AWS Batch jobs. <see cref="BatchJsonClient"/> calls AWS; tests and local
/// runs can supply their own implementation.
/// </summary>
public interface IBatchJobs
{
    /// <summary>Submits a job to a job queue.</summary>
    /// <param name="request">The job to submit; validated before anything is sent.</param>
    /// <param name="cancellationToken">Cancels the call (including waits between retries).</param>
    /// <returns>The job's id, name and ARN.</returns>
    Task<SubmittedJob> SubmitJobAsync(BatchJobRequest request, CancellationToken cancellationToken = default);

    /// <summary>Describes jobs by id. Ids that AWS Batch does not know (or no longer keeps) are left out of the answer.</summary>
    /// <param name="jobIds">The job ids; any number (they are sent 100 at a time).</param>
    /// <param name="cancellationToken">Cancels the call (including waits between retries).</param>
    /// <returns>The status of each job found, in the order AWS Batch returns them.</returns>
    Task<IReadOnlyList<BatchJobStatus>> DescribeJobsAsync(IReadOnlyList<string> jobIds, CancellationToken cancellationToken = default);
}
