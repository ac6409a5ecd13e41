using System.Text.Json.Nodes;

namespace GluonStyleText.Aws.Tests.Contracts;

/// <summary>The canned answers the client tests use conform to the models' output and error shapes.</summary>
public sealed class ResponseFixtureTests
{
    public static TheoryData<string, string, string> Answers => new()
    {
        { ApiModel.BatchFile, "SubmitJobResponse", CannedResponses.SubmitJob },
        { ApiModel.BatchFile, "DescribeJobsResponse", CannedResponses.DescribeJobsFailed },
        { ApiModel.BatchFile, "DescribeJobsResponse", CannedResponses.DescribeJobsRunning },
        { ApiModel.BatchFile, "ClientException", CannedResponses.BatchClientExceptionBody },
        { ApiModel.BatchFile, "ServerException", CannedResponses.ServiceUnavailableBody },
        { ApiModel.SageMakerFile, "CreateTrainingJobResponse", CannedResponses.CreateTrainingJob },
        { ApiModel.SageMakerFile, "DescribeTrainingJobResponse", CannedResponses.DescribeTrainingJobCompleted },
        { ApiModel.SageMakerFile, "DescribeTrainingJobResponse", CannedResponses.DescribeTrainingJobFailed },
        { ApiModel.SageMakerFile, "DescribeTrainingJobResponse", CannedResponses.DescribeTrainingJobSpotCompleted },
        { ApiModel.SageMakerFile, "ResourceNotFound", CannedResponses.SageMakerValidationExceptionBody },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public void Canned_answer_conforms_to_the_model(string modelFile, string shape, string json)
    {
        var answer = JsonNode.Parse(json)!.AsObject();

        // awsJson error bodies carry the error type in __type, outside the error shape.
        answer.Remove("__type");
        var violations = ApiModel.Load(modelFile).Validate(answer, shape);

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }
}
