using GluonStyleText.Aws.SageMaker;
using GluonStyleText.Aws.Tests.Contracts;

namespace GluonStyleText.Aws.Tests.SageMaker;

public sealed class SageMakerJsonClientTests
{
    private static TrainingJobRequest Valid => SageMakerContractTests.Request("defaults");

    [Fact]
    public async Task CreateTrainingJob_sends_the_full_request_and_returns_the_arn()
    {
        var handler = new FakeAwsHandler().RespondOk(CannedResponses.CreateTrainingJob);
        var request = Valid with { HyperParameters = new Dictionary<string, string> { ["epochs"] = "5" } };

        var created = await TestClients.SageMaker(handler).CreateTrainingJobAsync(request);

        Assert.Equal(new CreatedTrainingJob("imdb-cnn-3f2a9c0d1e4b5a67", CannedResponses.TrainingJobArn), created);
        Assert.Equal(
            """{"TrainingJobName":"imdb-cnn-3f2a9c0d1e4b5a67","AlgorithmSpecification":{"TrainingImage":"123456789012.dkr.ecr.eu-west-1.amazonaws.com/gluonstyletext:1.0","TrainingInputMode":"File"},"RoleArn":"arn:aws:iam::123456789012:role/SageMakerRole","InputDataConfig":[{"ChannelName":"training","DataSource":{"S3DataSource":{"S3DataType":"S3Prefix","S3Uri":"s3://data/imdb/train/","S3DataDistributionType":"FullyReplicated"}}}],"OutputDataConfig":{"S3OutputPath":"s3://models/imdb-cnn/"},"ResourceConfig":{"InstanceType":"ml.m5.xlarge","InstanceCount":1,"VolumeSizeInGB":30},"StoppingCondition":{"MaxRuntimeInSeconds":86400},"EnableNetworkIsolation":true,"HyperParameters":{"epochs":"5"}}""",
            Assert.Single(handler.Requests).BodyJson.ToJsonString());
    }

    [Fact]
    public async Task A_spot_job_is_sent_with_its_wait_limit_and_checkpoint_prefix()
    {
        var handler = new FakeAwsHandler().RespondOk(CannedResponses.CreateTrainingJob);
        var request = Valid with
        {
            MaxRuntimeInSeconds = 3600,
            EnableManagedSpotTraining = true,
            MaxWaitTimeInSeconds = 3600,
            CheckpointS3Uri = "s3://models/imdb-cnn/run-1/checkpoints/",
        };

        await TestClients.SageMaker(handler).CreateTrainingJobAsync(request);

        var body = Assert.Single(handler.Requests).BodyJson;
        Assert.Equal("""{"MaxRuntimeInSeconds":3600,"MaxWaitTimeInSeconds":3600}""", body["StoppingCondition"]!.ToJsonString());
        Assert.True(body["EnableManagedSpotTraining"]!.GetValue<bool>());
        Assert.Equal("""{"S3Uri":"s3://models/imdb-cnn/run-1/checkpoints/","LocalPath":"/opt/ml/checkpoints"}""", body["CheckpointConfig"]!.ToJsonString());
    }

    [Fact]
    public async Task Checkpoints_without_spot_capacity_are_sent_alone()
    {
        var handler = new FakeAwsHandler().RespondOk(CannedResponses.CreateTrainingJob);

        await TestClients.SageMaker(handler).CreateTrainingJobAsync(Valid with { CheckpointS3Uri = "s3://models/imdb-cnn/checkpoints/" });

        var body = Assert.Single(handler.Requests).BodyJson;
        Assert.NotNull(body["CheckpointConfig"]);
        Assert.Null(body["EnableManagedSpotTraining"]);
        Assert.Equal("""{"MaxRuntimeInSeconds":86400}""", body["StoppingCondition"]!.ToJsonString());
    }

    [Fact]
    public async Task DescribeTrainingJob_reads_the_training_and_billable_time_of_a_spot_job()
    {
        var handler = new FakeAwsHandler().RespondOk(CannedResponses.DescribeTrainingJobSpotCompleted);

        var job = await TestClients.SageMaker(handler).DescribeTrainingJobAsync("imdb-cnn-3f2a9c0d1e4b5a67");

        Assert.Equal((3000, 900), (job.TrainingTimeInSeconds, job.BillableTimeInSeconds));
        Assert.Contains("Interrupted", job.SecondaryStatusTransitions.Select(t => t.Status));
    }

    [Fact]
    public async Task DescribeTrainingJob_reads_status_artifacts_and_times()
    {
        var handler = new FakeAwsHandler().RespondOk(CannedResponses.DescribeTrainingJobCompleted);

        var job = await TestClients.SageMaker(handler).DescribeTrainingJobAsync("imdb-cnn-3f2a9c0d1e4b5a67");

        Assert.Equal("imdb-cnn-3f2a9c0d1e4b5a67", job.TrainingJobName);
        Assert.Equal(CannedResponses.TrainingJobArn, job.TrainingJobArn);
        Assert.Equal(TrainingJobState.Completed, job.Status);
        Assert.True(job.IsFinished);
        Assert.Equal("Completed", job.SecondaryStatus);
        Assert.Null(job.FailureReason);
        Assert.Equal("s3://models/imdb-cnn/imdb-cnn-3f2a9c0d1e4b5a67/output/model.tar.gz", job.S3ModelArtifacts);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1717236000123), job.CreationTime);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1717236095500), job.TrainingStartTime);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1717237900250), job.TrainingEndTime);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1717237910), job.LastModifiedTime);
        Assert.Equal(1805, job.BillableTimeInSeconds);
        Assert.Equal(1805, job.TrainingTimeInSeconds);
        Assert.Equal(["Starting", "Downloading", "Training", "Uploading", "Completed"], job.SecondaryStatusTransitions.Select(t => t.Status));
        Assert.Equal("Downloading input data", job.SecondaryStatusTransitions[1].StatusMessage);
    }

    [Fact]
    public async Task DescribeTrainingJob_reports_the_failure_reason()
    {
        var handler = new FakeAwsHandler().RespondOk(CannedResponses.DescribeTrainingJobFailed);

        var job = await TestClients.SageMaker(handler).DescribeTrainingJobAsync("imdb-cnn-3f2a9c0d1e4b5a67");

        Assert.Equal(TrainingJobState.Failed, job.Status);
        Assert.Equal("AlgorithmError: training data has no label column 'sentiment' (train.csv, line 1)", job.FailureReason);
        Assert.Null(job.TrainingStartTime);
        Assert.Empty(job.SecondaryStatusTransitions);
    }

    [Fact]
    public async Task StopTrainingJob_accepts_an_empty_answer()
    {
        var handler = new FakeAwsHandler().RespondOk(string.Empty);

        await TestClients.SageMaker(handler).StopTrainingJobAsync("imdb-cnn-1");

        Assert.Equal("""{"TrainingJobName":"imdb-cnn-1"}""", Assert.Single(handler.Requests).BodyJson.ToJsonString());
    }

    public static TheoryData<string, string> InvalidRequests => new()
    {
        { "name", "'imdb_cnn' is not a valid SageMaker training job name" },
        { "role", "Training job RoleArn 'arn:aws:iam::123:role/x' must be an IAM role ARN such as arn:aws:iam::123456789012:role/SageMakerRole." },
        { "data", "Training job TrainingDataS3Uri 'data/imdb/train' must be an S3 URI such as s3://bucket/prefix/ of at most 1024 characters." },
        { "instance", "Training job InstanceType 'm5.xlarge' must be a SageMaker instance type such as ml.m5.xlarge." },
        { "count", "Training job InstanceCount must be at least 1 (was 0)." },
        { "too many", "SageMaker accepts at most 100 hyperparameters; this training job has 101." },
        { "long value", "Hyperparameter 'vocabulary' must have a value of at most 2500 characters (was 2501)." },
        { "long key", "Hyperparameter name '" + new string('k', 257) + "' must be 1 to 256 characters (was 257)." },
        { "spot without wait", "Training job MaxWaitTimeInSeconds is required with EnableManagedSpotTraining" },
        { "wait under runtime", "Training job MaxWaitTimeInSeconds (3599) must be at least MaxRuntimeInSeconds (3600)" },
        { "wait without spot", "Training job MaxWaitTimeInSeconds (7200) applies to managed spot training only" },
        { "checkpoints", "Training job CheckpointS3Uri 'models/checkpoints/' must be an S3 URI" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task Invalid_requests_fail_before_anything_is_sent(string variant, string expectedMessageStart)
    {
        var request = variant switch
        {
            "name" => Valid with { TrainingJobName = "imdb_cnn" },
            "role" => Valid with { RoleArn = "arn:aws:iam::123:role/x" },
            "data" => Valid with { TrainingDataS3Uri = "data/imdb/train" },
            "instance" => Valid with { InstanceType = "m5.xlarge" },
            "count" => Valid with { InstanceCount = 0 },
            "too many" => Valid with { HyperParameters = Enumerable.Range(0, 101).ToDictionary(i => $"p{i}", _ => "1") },
            "long value" => Valid with { HyperParameters = new Dictionary<string, string> { ["vocabulary"] = new string('v', 2501) } },
            "spot without wait" => Valid with { EnableManagedSpotTraining = true },
            "wait under runtime" => Valid with { EnableManagedSpotTraining = true, MaxRuntimeInSeconds = 3600, MaxWaitTimeInSeconds = 3599 },
            "wait without spot" => Valid with { MaxWaitTimeInSeconds = 7200 },
            "checkpoints" => Valid with { CheckpointS3Uri = "models/checkpoints/" },
            _ => Valid with { HyperParameters = new Dictionary<string, string> { [new string('k', 257)] = "1" } },
        };
        var handler = new FakeAwsHandler();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => TestClients.SageMaker(handler).CreateTrainingJobAsync(request));

        Assert.StartsWith(expectedMessageStart, error.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Describe_and_stop_validate_the_name_before_sending()
    {
        var handler = new FakeAwsHandler();
        var client = TestClients.SageMaker(handler);

        await Assert.ThrowsAsync<ArgumentException>(() => client.DescribeTrainingJobAsync("no spaces allowed"));
        await Assert.ThrowsAsync<ArgumentException>(() => client.StopTrainingJobAsync(""));

        Assert.Empty(handler.Requests);
    }
}
