using GluonStyleText.Aws.Batch;
using GluonStyleText.Aws.Local;

namespace GluonStyleText.Aws.Tests.Pipeline;

public sealed class LocalBatchJobsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Jobs_wait_as_SUBMITTED_run_one_at_a_time_and_end_SUCCEEDED()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ran = new List<string>();
        await using var jobs = new LocalBatchJobs(async (request, _) =>
        {
            lock (ran)
            {
                ran.Add(request.Parameters["key"]);
            }

            started.TrySetResult();
            await gate.Task;
        });

        var first = await jobs.SubmitJobAsync(Request("a.csv"));
        await started.Task.WaitAsync(Timeout);
        var second = await jobs.SubmitJobAsync(Request("b.csv"));
        var whileRunning = await jobs.DescribeJobsAsync([first.JobId, second.JobId]);
        gate.SetResult();
        var firstDone = await jobs.WaitForJobAsync(first.JobId).WaitAsync(Timeout);
        var secondDone = await jobs.WaitForJobAsync(second.JobId).WaitAsync(Timeout);

        Assert.Equal([BatchJobState.Running, BatchJobState.Submitted], whileRunning.Select(s => s.Status));
        Assert.Equal(["RUNNING", "SUBMITTED"], whileRunning.Select(s => s.RawStatus));
        Assert.Equal((BatchJobState.Succeeded, 0), (firstDone.Status, firstDone.ExitCode));
        Assert.Equal(BatchJobState.Succeeded, secondDone.Status);
        Assert.True(secondDone.StartedAt >= firstDone.StoppedAt);
        Assert.Equal(["a.csv", "b.csv"], ran);
        Assert.Equal([first.JobId, second.JobId], jobs.ListJobs().Select(s => s.JobId));
        Assert.Equal("predict-a-csv", first.JobName);
    }

    [Fact]
    public async Task A_throwing_job_ends_FAILED_with_the_reason_after_its_attempts()
    {
        var attempts = 0;
        await using var jobs = new LocalBatchJobs((_, _) =>
        {
            Interlocked.Increment(ref attempts);
            throw new InvalidDataException("my.csv line 1: the header has no column 'review'");
        });

        var job = await jobs.SubmitJobAsync(Request("my.csv") with { RetryAttempts = 2 });
        var status = await jobs.WaitForJobAsync(job.JobId).WaitAsync(Timeout);

        Assert.Equal(BatchJobState.Failed, status.Status);
        Assert.Equal(1, status.ExitCode);
        Assert.Equal("InvalidDataException: my.csv line 1: the header has no column 'review'", status.StatusReason);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task A_retry_can_succeed()
    {
        var attempts = 0;
        await using var jobs = new LocalBatchJobs((_, _) =>
            Interlocked.Increment(ref attempts) == 1 ? throw new IOException("connection reset") : Task.CompletedTask);

        var job = await jobs.SubmitJobAsync(Request("my.csv") with { RetryAttempts = 3 });
        var status = await jobs.WaitForJobAsync(job.JobId).WaitAsync(Timeout);

        Assert.Equal(BatchJobState.Succeeded, status.Status);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task DescribeJobs_leaves_out_unknown_ids_and_invalid_requests_are_refused()
    {
        await using var jobs = new LocalBatchJobs((_, _) => Task.CompletedTask);
        var job = await jobs.SubmitJobAsync(Request("a.csv"));

        var described = await jobs.DescribeJobsAsync(["unknown", job.JobId]);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => jobs.SubmitJobAsync(Request("a.csv") with { JobName = "-bad name" }));

        Assert.Equal(job.JobId, Assert.Single(described).JobId);
        Assert.Contains("'-bad name' is not a valid AWS Batch job name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disposing_cancels_the_running_job_which_ends_FAILED()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var jobs = new LocalBatchJobs(async (_, cancellationToken) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout, cancellationToken);
        });
        var job = await jobs.SubmitJobAsync(Request("slow.csv"));
        await started.Task.WaitAsync(Timeout);

        await jobs.DisposeAsync();

        var status = Assert.Single(jobs.ListJobs());
        Assert.Equal(job.JobId, status.JobId);
        Assert.Equal(BatchJobState.Failed, status.Status);
        Assert.StartsWith("Cancelled", status.StatusReason, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => jobs.SubmitJobAsync(Request("late.csv")));
    }

    private static BatchJobRequest Request(string key) =>
        new("predict-" + key.Replace('.', '-'), "local-queue", "local-definition", new Dictionary<string, string> { ["bucket"] = "predict", ["key"] = key });
}
