using GluonStyleText.Aws.SageMaker;

namespace GluonStyleText.Aws.Tests.Contracts;

/// <summary>Every request <see cref="SageMakerJsonClient"/> sends, checked against botocore's SageMaker model.</summary>
public sealed class SageMakerContractTests
{
    public static TheoryData<string> CreateTrainingJobRequests => new() { "defaults", "every option", "limits", "spot" };

    internal static TrainingJobRequest Request(string variant) => variant switch
    {
        "defaults" => new TrainingJobRequest
        {
            TrainingJobName = "imdb-cnn-3f2a9c0d1e4b5a67",
            TrainingImage = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/gluonstyletext:1.0",
            RoleArn = "arn:aws:iam::123456789012:role/SageMakerRole",
            TrainingDataS3Uri = "s3://data/imdb/train/",
            OutputS3Uri = "s3://models/imdb-cnn/",
        },
        "every option" => new TrainingJobRequest
        {
            TrainingJobName = TrainingJobNames.Create("IMDB BiLSTM (GloVe 100d)", "2024-06-01T10:00:00Z"),
            TrainingImage = "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/gluonstyletext@sha256:" + new string('a', 64),
            RoleArn = "arn:aws-cn:iam::123456789012:role/service-role/AmazonSageMaker-ExecutionRole-20240601T100000",
            TrainingDataS3Uri = "s3://data/imdb/train.csv",
            OutputS3Uri = "s3://models",
            InstanceType = "ml.g5.xlarge",
            InstanceCount = 2,
            VolumeSizeInGB = 100,
            MaxRuntimeInSeconds = 3600,
            HyperParameters = new Dictionary<string, string> { ["epochs"] = "5", ["model"] = "bilstm", ["learning_rate"] = "0.001", ["embeddings"] = "" },
        },
        "spot" => Request("defaults") with
        {
            MaxRuntimeInSeconds = 7200,
            EnableManagedSpotTraining = true,
            MaxWaitTimeInSeconds = 14_400,
            CheckpointS3Uri = "s3://models/imdb-cnn/imdb-cnn-3f2a9c0d1e4b5a67/checkpoints/",
        },
        _ => Request("defaults") with
        {
            TrainingJobName = new string('a', TrainingJobNames.MaxLength),
            HyperParameters = Enumerable.Range(0, TrainingJobRequest.MaxHyperParameters).ToDictionary(
                index => index.ToString("D3", System.Globalization.CultureInfo.InvariantCulture).PadRight(TrainingJobRequest.MaxHyperParameterKeyLength, 'k'),
                _ => new string('v', TrainingJobRequest.MaxHyperParameterValueLength)),
        },
    };

    [Theory]
    [MemberData(nameof(CreateTrainingJobRequests))]
    public async Task CreateTrainingJob_requests_match_the_model(string variant)
    {
        var handler = new FakeAwsHandler().RespondOk(CannedResponses.CreateTrainingJob);

        await TestClients.SageMaker(handler).CreateTrainingJobAsync(Request(variant));

        var request = Assert.Single(handler.Requests);
        ContractAssert.RequestMatchesModel(ApiModel.SageMaker, "CreateTrainingJob", request);

        // The members older models required, which SageMaker still needs for a custom image.
        var body = request.BodyJson;
        Assert.Equal("File", body["AlgorithmSpecification"]!["TrainingInputMode"]!.GetValue<string>());
        Assert.NotNull(body["ResourceConfig"]!["InstanceType"]);
        Assert.NotNull(body["StoppingCondition"]!["MaxRuntimeInSeconds"]);
        var channel = Assert.Single(body["InputDataConfig"]!.AsArray())!;
        Assert.Equal("training", channel["ChannelName"]!.GetValue<string>());
        Assert.Equal("FullyReplicated", channel["DataSource"]!["S3DataSource"]!["S3DataDistributionType"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_spot_request_has_the_members_managed_spot_training_needs()
    {
        var handler = new FakeAwsHandler().RespondOk(CannedResponses.CreateTrainingJob);

        await TestClients.SageMaker(handler).CreateTrainingJobAsync(Request("spot"));

        // The model makes all of these optional; SageMaker refuses a spot job without MaxWaitTimeInSeconds.
        var body = Assert.Single(handler.Requests).BodyJson;
        Assert.True(body["EnableManagedSpotTraining"]!.GetValue<bool>());
        Assert.Equal(14_400, body["StoppingCondition"]!["MaxWaitTimeInSeconds"]!.GetValue<int>());
        Assert.Equal(7200, body["StoppingCondition"]!["MaxRuntimeInSeconds"]!.GetValue<int>());
        Assert.Equal("s3://models/imdb-cnn/imdb-cnn-3f2a9c0d1e4b5a67/checkpoints/", body["CheckpointConfig"]!["S3Uri"]!.GetValue<string>());
        Assert.Equal("/opt/ml/checkpoints", body["CheckpointConfig"]!["LocalPath"]!.GetValue<string>());
    }

    [Fact]
    public async Task DescribeTrainingJob_and_StopTrainingJob_requests_match_the_model()
    {
        var handler = new FakeAwsHandler().RespondOk(CannedResponses.DescribeTrainingJobCompleted).RespondOk(string.Empty);
        var client = TestClients.SageMaker(handler);

        await client.DescribeTrainingJobAsync("imdb-cnn-3f2a9c0d1e4b5a67");
        await client.StopTrainingJobAsync("imdb-cnn-3f2a9c0d1e4b5a67");

        ContractAssert.RequestMatchesModel(ApiModel.SageMaker, "DescribeTrainingJob", handler.Requests[0]);
        ContractAssert.RequestMatchesModel(ApiModel.SageMaker, "StopTrainingJob", handler.Requests[1]);
    }

    [Fact]
    public void The_default_instance_type_is_one_the_model_lists()
    {
        Assert.Contains(Request("defaults").InstanceType, ApiModel.SageMaker.EnumValues("TrainingInstanceType"));
    }

    [Fact]
    public void TrainingJobState_has_exactly_the_models_training_job_statuses()
    {
        var ours = Enum.GetNames<TrainingJobState>().Where(name => name != nameof(TrainingJobState.Unknown));

        Assert.Equal(ApiModel.SageMaker.EnumValues("TrainingJobStatus").Order(), ours.Order());
    }

    [Fact]
    public void Our_name_rule_is_the_models_training_job_name_pattern()
    {
        var shape = ApiModel.SageMaker.Shape("TrainingJobName");

        Assert.Equal("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}", shape["pattern"]!.GetValue<string>());
        Assert.Equal(TrainingJobNames.MaxLength, shape["max"]!.GetValue<int>());
        Assert.Equal(TrainingJobRequest.MaxHyperParameters, ApiModel.SageMaker.Shape("HyperParameters")["max"]!.GetValue<int>());
        Assert.Equal(TrainingJobRequest.MaxHyperParameterKeyLength, ApiModel.SageMaker.Shape("HyperParameterKey")["max"]!.GetValue<int>());
        Assert.Equal(TrainingJobRequest.MaxHyperParameterValueLength, ApiModel.SageMaker.Shape("HyperParameterValue")["max"]!.GetValue<int>());
    }
}
