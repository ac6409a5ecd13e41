using GluonStyleText.Aws.Batch;

namespace GluonStyleText.Aws.Tests.Contracts;

/// <summary>Every request <see cref="BatchJsonClient"/> sends, checked against botocore's AWS Batch model.</summary>
public sealed class BatchContractTests
{
    private static readonly Dictionary<string, string> S3Parameters = new() { ["bucket"] = "claims-inbox", ["key"] = "2024/05/claims.csv" };

    public static TheoryData<string> SubmitJobRequests => new() { "minimal", "no parameters", "every option", "array job", "dependent job" };

    [Theory]
    [MemberData(nameof(SubmitJobRequests))]
    public async Task SubmitJob_requests_match_the_model(string variant)
    {
        var handler = new FakeAwsHandler().RespondOk(CannedResponses.SubmitJob);
        var request = variant switch
        {
            "minimal" => new BatchJobRequest("predict-claims-csv-0123456789abcdef", "gluonstyletext-predict", "gluonstyletext-predict:3", S3Parameters),
            "no parameters" => new BatchJobRequest("job_1", "arn:aws:batch:eu-west-1:123456789012:job-queue/q", "d", new Dictionary<string, string>()),
            "array job" => new BatchJobRequest("predict-shards-0123456789abcdef", "q", "gluonstyletext-predict-shard", S3Parameters)
            {
                ArraySize = BatchJobRequest.MaxArraySize,
                DependsOn = [new BatchJobDependency("4c7d2e10-8d6f-4a4b-9f3e-0d2a5c3b1e7f")],
                RetryAttempts = 3,
            },
            "dependent job" => new BatchJobRequest("assemble-0123456789abcdef", "q", "d", S3Parameters)
            {
                DependsOn = [new BatchJobDependency("4c7d2e10"), new BatchJobDependency("5d8e3f21", "N_TO_N")],
            },
            _ => new BatchJobRequest(BatchJobNames.Create("predict claims.csv", "claims-inbox", "2024/05/claims.csv", "\"9b2cf535f27731c974343645a3985328\""), "q", "d", S3Parameters)
            {
                Environment = new Dictionary<string, string> { ["MODEL_URI"] = "s3://models/imdb-cnn/model.tar.gz", ["LOG_LEVEL"] = "Information" },
                RetryAttempts = BatchJobRequest.MaxRetryAttempts,
                AttemptDurationSeconds = BatchJobRequest.MinAttemptDurationSeconds,
            },
        };

        await TestClients.Batch(handler).SubmitJobAsync(request);

        var sent = Assert.Single(handler.Requests);
        ContractAssert.RequestMatchesModel(ApiModel.Batch, "SubmitJob", sent);
        Assert.Equal(request.ArraySize, sent.BodyJson["arrayProperties"]?["size"]?.GetValue<int>());
        Assert.Equal(request.DependsOn?.Select(d => d.JobId) ?? [], sent.BodyJson["dependsOn"]?.AsArray().Select(d => d!["jobId"]!.GetValue<string>()) ?? []);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10_001)]
    public async Task An_array_size_Batch_refuses_is_refused_before_sending(int size)
    {
        var handler = new FakeAwsHandler().RespondOk(CannedResponses.SubmitJob);
        var request = new BatchJobRequest("j", "q", "d", S3Parameters) { ArraySize = size };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => TestClients.Batch(handler).SubmitJobAsync(request));

        Assert.Contains("ArraySize", error.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(100, 1)]
    [InlineData(150, 2)]
    public async Task DescribeJobs_requests_match_the_model(int jobCount, int expectedRequests)
    {
        var handler = new FakeAwsHandler();
        for (var call = 0; call < expectedRequests; call++)
        {
            handler.RespondOk(CannedResponses.DescribeJobsRunning);
        }

        var ids = Enumerable.Range(0, jobCount).Select(index => Guid.NewGuid().ToString()).ToList();

        await TestClients.Batch(handler).DescribeJobsAsync(ids);

        Assert.Equal(expectedRequests, handler.Requests.Count);
        foreach (var request in handler.Requests)
        {
            ContractAssert.RequestMatchesModel(ApiModel.Batch, "DescribeJobs", request);
            Assert.InRange(request.BodyJson["jobs"]!.AsArray().Count, 1, BatchJsonClient.MaxJobIdsPerDescribe);
        }

        var sent = handler.Requests.SelectMany(request => request.BodyJson["jobs"]!.AsArray().Select(id => id!.GetValue<string>()));
        Assert.Equal(ids, sent);
    }

    [Fact]
    public void BatchJobState_has_exactly_the_models_job_statuses()
    {
        var ours = Enum.GetNames<BatchJobState>().Where(name => name != nameof(BatchJobState.Unknown)).Select(name => name.ToUpperInvariant());

        Assert.Equal(ApiModel.Batch.EnumValues("JobStatus").Order(), ours.Order());
    }

    [Fact]
    public void The_model_describes_Batch_errors_with_a_lower_case_message()
    {
        // AwsErrorResponse reads 'message' and 'Message'; this pins which one Batch uses.
        foreach (var error in ApiModel.Batch.Operation("SubmitJob").ErrorShapes)
        {
            Assert.NotNull(ApiModel.Batch.Shape(error)["members"]!["message"]);
        }
    }
}
