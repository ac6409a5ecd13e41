using GluonStyleText.Aws.Batch;

namespace GluonStyleText.Aws.Tests.Lambda;

/// <summary>Records submitted jobs; throws <see cref="Failure"/> instead when it is set (for the requests <see cref="FailWhen"/> picks, or all).</summary>
internal sealed class FakeBatchJobs : IBatchJobs
{
    public List<BatchJobRequest> Submitted { get; } = [];

    public Exception? Failure { get; set; }

    public Func<BatchJobRequest, bool>? FailWhen { get; set; }

    public Task<SubmittedJob> SubmitJobAsync(BatchJobRequest request, CancellationToken cancellationToken = default)
    {
        if (Failure is not null && FailWhen?.Invoke(request) != false)
        {
            throw Failure;
        }

        Submitted.Add(request);
        return Task.FromResult(new SubmittedJob($"job-{Submitted.Count}", request.JobName, null));
    }

    public Task<IReadOnlyList<BatchJobStatus>> DescribeJobsAsync(IReadOnlyList<string> jobIds, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The handler never describes jobs.");
}
