using System.Text.Json.Nodes;

namespace GluonStyleText.Aws.Tests.Contracts;

/// <summary>The model checker itself: each rule must reject what it should, or the contract tests prove nothing.</summary>
public sealed class ApiModelCheckerTests
{
    private const string ValidCreateTrainingJob = """
        {
          "TrainingJobName":"imdb-cnn-1",
          "RoleArn":"arn:aws:iam::123456789012:role/SageMakerRole",
          "OutputDataConfig":{"S3OutputPath":"s3://models/imdb/"},
          "ResourceConfig":{"InstanceType":"ml.m5.xlarge","InstanceCount":1,"VolumeSizeInGB":30},
          "HyperParameters":{"epochs":"5"}
        }
        """;

    [Fact]
    public void Accepts_a_conforming_body()
    {
        Assert.Empty(ApiModel.SageMaker.Validate(JsonNode.Parse(ValidCreateTrainingJob), "CreateTrainingJobRequest"));
    }

    [Theory]
    [InlineData("TrainingJobName", null, "$: required member 'TrainingJobName' is missing")]
    [InlineData("TrainingJobName", "\"-starts-with-hyphen\"", "$.TrainingJobName: '-starts-with-hyphen' does not match pattern")]
    [InlineData("TrainingJobName", "\"\"", "$.TrainingJobName: 0 characters, fewer than the minimum 1")]
    [InlineData("TrainingJobName", "42", "$.TrainingJobName: Number 42 is not a string")]
    [InlineData("Colour", "\"blue\"", "$: unknown member 'Colour' (CreateTrainingJobRequest)")]
    [InlineData("EnableNetworkIsolation", "\"yes\"", "$.EnableNetworkIsolation: String \"yes\" is not a boolean")]
    public void Rejects_top_level_violations(string member, string? json, string expected)
    {
        var body = JsonNode.Parse(ValidCreateTrainingJob)!.AsObject();
        body.Remove(member);
        if (json is not null)
        {
            body[member] = JsonNode.Parse(json);
        }

        var violations = ApiModel.SageMaker.Validate(body, "CreateTrainingJobRequest");
        Assert.Contains(violations, violation => violation.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Rejects_nested_enum_integer_and_range_violations()
    {
        var body = JsonNode.Parse(ValidCreateTrainingJob)!.AsObject();
        body["ResourceConfig"] = JsonNode.Parse("""{"InstanceType":"ml.huge","InstanceCount":1.5,"VolumeSizeInGB":-1}""");

        var violations = ApiModel.SageMaker.Validate(body, "CreateTrainingJobRequest");

        Assert.Equal(3, violations.Count);
        Assert.Contains(violations, v => v.StartsWith("$.ResourceConfig.InstanceType: 'ml.huge' is not one of the", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("$.ResourceConfig.InstanceCount: Number 1.5 is not an integer", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("$.ResourceConfig.VolumeSizeInGB: -1 is below the minimum 0", StringComparison.Ordinal));
    }

    [Fact]
    public void Rejects_map_size_and_map_value_length()
    {
        var body = JsonNode.Parse(ValidCreateTrainingJob)!.AsObject();
        var hyperParameters = new JsonObject();
        for (var index = 0; index < 101; index++)
        {
            hyperParameters[$"p{index}"] = "1";
        }

        hyperParameters["p0"] = new string('x', 2501);
        body["HyperParameters"] = hyperParameters;

        var violations = ApiModel.SageMaker.Validate(body, "CreateTrainingJobRequest");

        Assert.Equal(2, violations.Count);
        Assert.Contains(violations, v => v.StartsWith("$.HyperParameters: 101 entries, more than the maximum 100", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("$.HyperParameters['p0']: 2501 characters, more than the maximum 2500", StringComparison.Ordinal));
    }

    [Fact]
    public void Rejects_list_size_list_members_and_nested_required_members()
    {
        var body = JsonNode.Parse(ValidCreateTrainingJob)!.AsObject();
        body["InputDataConfig"] = new JsonArray();
        Assert.StartsWith("$.InputDataConfig: 0 entries, fewer than the minimum 1", Assert.Single(ApiModel.SageMaker.Validate(body, "CreateTrainingJobRequest")), StringComparison.Ordinal);

        body["InputDataConfig"] = JsonNode.Parse("""[{"ChannelName":"training","DataSource":{"S3DataSource":{"S3Uri":"s3://b/p"}}}]""");
        Assert.StartsWith(
            "$.InputDataConfig[0].DataSource.S3DataSource: required member 'S3DataType' is missing",
            Assert.Single(ApiModel.SageMaker.Validate(body, "CreateTrainingJobRequest")),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_wrong_types_in_the_batch_model()
    {
        var body = JsonNode.Parse("""{"jobName":"a","jobQueue":"q","jobDefinition":"d","parameters":{"k":1},"retryStrategy":{"attempts":"3"}}""");

        var violations = ApiModel.Batch.Validate(body, "SubmitJobRequest");

        Assert.Equal(2, violations.Count);
        Assert.Contains(violations, v => v.StartsWith("$.parameters['k']: Number 1 is not a string", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("$.retryStrategy.attempts: String \"3\" is not an integer", StringComparison.Ordinal));
    }

    [Fact]
    public void Requires_a_timestamp_to_be_epoch_seconds()
    {
        var transition = JsonNode.Parse("""{"Status":"Training","StartTime":"2024-06-01T10:00:00Z"}""");

        Assert.StartsWith(
            "$.StartTime: String \"2024-06-01T10:00:00Z\" is not an epoch-seconds timestamp",
            Assert.Single(ApiModel.SageMaker.Validate(transition, "SecondaryStatusTransition")),
            StringComparison.Ordinal);
    }
}
