using GluonStyleText.Aws.Batch;
using GluonStyleText.Aws.Tests.Contracts;

namespace GluonStyleText.Aws.Tests.Batch;

public sealed class BatchJsonClientTests
{
    private static readonly Dictionary<string, string> NoParameters = [];

    [Fact]
    public async Task SubmitJob_sends_the_request_and_returns_the_job()
    {
        var handler = new FakeAwsHandler().RespondOk(CannedResponses.SubmitJob);
        var request = new BatchJobRequest("predict-claims-csv-0123456789abcdef", "gluonstyletext-predict", "gluonstyletext-predict:3",
            new Dictionary<string, string> { ["bucket"] = "claims-inbox", ["key"] = "2024/05/claims.csv" })
        {
            Environment = new Dictionary<string, string> { ["MODEL_URI"] = "s3://models/m.tar.gz" },
            RetryAttempts = 2,
            AttemptDurationSeconds = 3600,
        };

        var job = await TestClients.Batch(handler).SubmitJobAsync(request);

        Assert.Equal(new SubmittedJob(CannedResponses.JobId, "predict-claims-csv-0123456789abcdef", $"arn:aws:batch:eu-west-1:123456789012:job/{CannedResponses.JobId}"), job);
        Assert.Equal(
            """{"jobName":"predict-claims-csv-0123456789abcdef","jobQueue":"gluonstyletext-predict","jobDefinition":"gluonstyletext-predict:3","parameters":{"bucket":"claims-inbox","key":"2024/05/claims.csv"},"containerOverrides":{"environment":[{"name":"MODEL_URI","value":"s3://models/m.tar.gz"}]},"retryStrategy":{"attempts":2},"timeout":{"attemptDurationSeconds":3600}}""",
            Assert.Single(handler.Requests).BodyJson.ToJsonString());
    }

    [Fact]
    public async Task DescribeJobs_reads_status_reason_times_and_container_details()
    {
        var handler = new FakeAwsHandler().RespondOk(CannedResponses.DescribeJobsFailed);

        var status = Assert.Single(await TestClients.Batch(handler).DescribeJobsAsync([CannedResponses.JobId]));

        Assert.Equal(CannedResponses.JobId, status.JobId);
        Assert.Equal("predict-claims-csv-0123456789abcdef", status.JobName);
        Assert.Equal(BatchJobState.Failed, status.Status);
        Assert.Equal("FAILED", status.RawStatus);
        Assert.True(status.IsFinished);
        Assert.Equal("Essential container in task exited", status.StatusReason);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1717236000000), status.CreatedAt);
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 10, 1, 0, TimeSpan.Zero), status.StartedAt);
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 10, 2, 5, TimeSpan.Zero), status.StoppedAt);
        Assert.Equal(137, status.ExitCode);
        Assert.Equal("OutOfMemoryError: Container killed due to memory usage", status.ContainerReason);
        Assert.Equal("gluonstyletext-predict/default/0a1b2c3d", status.LogStreamName);
    }

    [Fact]
    public async Task DescribeJobs_keeps_an_unknown_status_instead_of_failing()
    {
        var handler = new FakeAwsHandler().RespondOk(CannedResponses.DescribeJobsRunning.Replace("RUNNING", "HIBERNATING", StringComparison.Ordinal));

        var status = Assert.Single(await TestClients.Batch(handler).DescribeJobsAsync([CannedResponses.JobId]));

        Assert.Equal(BatchJobState.Unknown, status.Status);
        Assert.Equal("HIBERNATING", status.RawStatus);
        Assert.False(status.IsFinished);
        Assert.Null(status.ExitCode);
    }

    [Fact]
    public async Task DescribeJobs_of_no_ids_sends_nothing()
    {
        var handler = new FakeAwsHandler();

        Assert.Empty(await TestClients.Batch(handler).DescribeJobsAsync([]));
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task An_answer_without_a_required_member_is_a_clear_error()
    {
        var handler = new FakeAwsHandler().RespondOk("""{"jobs":[{"jobName":"a","status":"RUNNING"}]}""");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => TestClients.Batch(handler).DescribeJobsAsync(["x"]));

        Assert.Equal("Batch DescribeJobs answered without 'jobId'.", error.Message);
    }

    public static TheoryData<BatchJobRequest, string> InvalidRequests => new()
    {
        { new BatchJobRequest("bad name", "q", "d", NoParameters), "'bad name' is not a valid AWS Batch job name" },
        { new BatchJobRequest("j", " ", "d", NoParameters), "Batch job JobQueue is empty." },
        { new BatchJobRequest("j", "q", "", NoParameters), "Batch job JobDefinition is empty." },
        { new BatchJobRequest("j", "q", "d", NoParameters) { RetryAttempts = 11 }, "RetryAttempts must be between 1 and 10 (was 11)." },
        { new BatchJobRequest("j", "q", "d", NoParameters) { AttemptDurationSeconds = 59 }, "AttemptDurationSeconds must be at least 60 (was 59)." },
        { new BatchJobRequest("j", "q", "d", NoParameters) { Environment = new Dictionary<string, string> { ["AWS_BATCH_JOB_ID"] = "x" } }, "Environment variable 'AWS_BATCH_JOB_ID' is reserved" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task Invalid_requests_fail_before_anything_is_sent(BatchJobRequest request, string expectedMessageStart)
    {
        var handler = new FakeAwsHandler();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => TestClients.Batch(handler).SubmitJobAsync(request));

        Assert.StartsWith(expectedMessageStart, error.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }
}
