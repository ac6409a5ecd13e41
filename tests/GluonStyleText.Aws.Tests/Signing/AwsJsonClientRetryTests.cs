using System.Net;
using GluonStyleText.Aws.Batch;
using GluonStyleText.Aws.Signing;
using GluonStyleText.Aws.Tests.Contracts;

namespace GluonStyleText.Aws.Tests.Signing;

/// <summary>Retries, errors and cancellation of the signed JSON clients, through <see cref="BatchJsonClient"/> and <see cref="GluonStyleText.Aws.SageMaker.SageMakerJsonClient"/>.</summary>
public sealed class AwsJsonClientRetryTests
{
    private static readonly BatchJobRequest Job = new("predict-1", "gluonstyletext-predict", "gluonstyletext-predict:3", new Dictionary<string, string>());

    [Fact]
    public async Task Retries_a_503_then_succeeds()
    {
        var handler = new FakeAwsHandler()
            .Respond(HttpStatusCode.ServiceUnavailable, CannedResponses.ServiceUnavailableBody)
            .RespondOk(CannedResponses.SubmitJob);

        var job = await TestClients.Batch(handler).SubmitJobAsync(Job);

        Assert.Equal(CannedResponses.JobId, job.JobId);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(handler.Requests[0].Body, handler.Requests[1].Body);
    }

    [Fact]
    public async Task Retries_429_TooManyRequests_and_400_ThrottlingException()
    {
        var handler = new FakeAwsHandler()
            .Respond(HttpStatusCode.TooManyRequests, """{"message":"Too Many Requests"}""", ("x-amzn-ErrorType", "TooManyRequestsException"))
            .Respond(HttpStatusCode.BadRequest, CannedResponses.ThrottlingExceptionBody)
            .RespondOk(CannedResponses.SubmitJob);

        await TestClients.Batch(handler).SubmitJobAsync(Job);

        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task Does_not_retry_a_client_error_and_reports_type_message_status_and_request_id()
    {
        var handler = new FakeAwsHandler().Respond(
            HttpStatusCode.BadRequest,
            CannedResponses.BatchClientExceptionBody,
            ("x-amzn-ErrorType", CannedResponses.BatchClientExceptionType),
            ("x-amzn-RequestId", "c0ffee00-1234-5678-9abc-def012345678"));

        var error = await Assert.ThrowsAsync<AwsApiException>(() => TestClients.Batch(handler).SubmitJobAsync(Job));

        Assert.Single(handler.Requests);
        Assert.Equal(
            "Batch SubmitJob failed: ClientException: Job queue gluonstyletext-predict does not exist. (HTTP 400, request id c0ffee00-1234-5678-9abc-def012345678)",
            error.Message);
        Assert.Equal("ClientException", error.ErrorType);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("c0ffee00-1234-5678-9abc-def012345678", error.RequestId);
        Assert.Equal(1, error.Attempts);
    }

    [Fact]
    public async Task Gives_up_after_MaxAttempts_and_says_how_many_attempts_were_made()
    {
        var handler = new FakeAwsHandler();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            handler.Respond(HttpStatusCode.BadRequest, CannedResponses.ThrottlingExceptionBody, ("x-amzn-RequestId", $"request-{attempt}"));
        }

        var error = await Assert.ThrowsAsync<AwsApiException>(() => TestClients.Batch(handler, options => options.MaxAttempts = 3).SubmitJobAsync(Job));

        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal("Batch SubmitJob failed after 3 attempts: ThrottlingException: Rate exceeded (HTTP 400, request id request-2)", error.Message);
        Assert.Equal(3, error.Attempts);
    }

    [Fact]
    public async Task Reports_a_SageMaker_error_from_the_body_type_and_capitalised_message()
    {
        var handler = new FakeAwsHandler().Respond(HttpStatusCode.BadRequest, CannedResponses.SageMakerValidationExceptionBody, ("x-amzn-RequestId", "r-1"));

        var error = await Assert.ThrowsAsync<AwsApiException>(() => TestClients.SageMaker(handler).DescribeTrainingJobAsync("missing-job"));

        Assert.Equal("SageMaker DescribeTrainingJob failed: ValidationException: Requested resource not found. (HTTP 400, request id r-1)", error.Message);
    }

    [Fact]
    public async Task Retries_a_network_failure()
    {
        var handler = new FakeAwsHandler().FailWithNetworkError().RespondOk(CannedResponses.SubmitJob);

        await TestClients.Batch(handler).SubmitJobAsync(Job);

        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Reports_a_network_failure_that_outlasts_the_attempts()
    {
        var handler = new FakeAwsHandler().FailWithNetworkError().FailWithNetworkError();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => TestClients.Batch(handler, options => options.MaxAttempts = 2).SubmitJobAsync(Job));

        Assert.Equal("Batch SubmitJob failed after 2 attempt(s): Connection refused (batch.eu-west-1.amazonaws.com:443)", error.Message);
    }

    [Fact]
    public async Task Signs_every_attempt_afresh()
    {
        var handler = new FakeAwsHandler()
            .Respond(HttpStatusCode.InternalServerError, """{"message":"Internal error"}""")
            .RespondOk(CannedResponses.SubmitJob);
        var clock = new DateTime(2024, 6, 1, 10, 0, 0, DateTimeKind.Utc);

        await TestClients.Batch(handler, () => clock = clock.AddSeconds(1)).SubmitJobAsync(Job);

        Assert.Equal("20240601T100001Z", handler.Requests[0].Header("X-Amz-Date"));
        Assert.Equal("20240601T100002Z", handler.Requests[1].Header("X-Amz-Date"));
        Assert.NotEqual(handler.Requests[0].Header("Authorization"), handler.Requests[1].Header("Authorization"));
    }

    [Fact]
    public async Task Cancelling_during_the_backoff_stops_retrying()
    {
        using var cancellation = new CancellationTokenSource();
        var handler = new FakeAwsHandler().Respond(_ =>
        {
            cancellation.Cancel();
            return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        });
        var client = TestClients.Batch(handler, options =>
        {
            options.BaseRetryDelay = TimeSpan.FromMinutes(10);
            options.MaxRetryDelay = TimeSpan.FromMinutes(10);
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SubmitJobAsync(Job, cancellation.Token));

        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task An_already_cancelled_token_sends_nothing()
    {
        var handler = new FakeAwsHandler();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TestClients.Batch(handler).SubmitJobAsync(Job, new CancellationToken(canceled: true)));

        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Sends_to_the_service_url_override_keeping_its_path()
    {
        var handler = new FakeAwsHandler().RespondOk(CannedResponses.SubmitJob);

        await TestClients.Batch(handler, options => options.ServiceUrl = new Uri("http://localhost:4566/batch-proxy/")).SubmitJobAsync(Job);

        var request = Assert.Single(handler.Requests);
        Assert.Equal("http://localhost:4566/batch-proxy/v1/submitjob", request.Uri.ToString());
        Assert.Equal("localhost:4566", request.Header("Host"));
        Assert.Contains("/eu-west-1/batch/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uses_the_partitions_dns_suffix_for_the_default_endpoint()
    {
        var handler = new FakeAwsHandler().RespondOk(CannedResponses.CreateTrainingJob);

        await TestClients.SageMaker(handler, options => options.Region = "cn-north-1")
            .CreateTrainingJobAsync(Contracts.SageMakerContractTests.Request("defaults"));

        Assert.Equal("https://api.sagemaker.cn-north-1.amazonaws.com.cn/", Assert.Single(handler.Requests).Uri.ToString());
    }

    [Fact]
    public async Task Session_credentials_send_the_security_token()
    {
        var handler = new FakeAwsHandler().RespondOk(CannedResponses.SubmitJob);

        await TestClients.Batch(handler, options => options.Credentials = new Amazon.Runtime.SessionAWSCredentials("ASIAEXAMPLE", "secret", "token-123"))
            .SubmitJobAsync(Job);

        var request = Assert.Single(handler.Requests);
        Assert.Equal("token-123", request.Header("X-Amz-Security-Token"));
        Assert.Contains("x-amz-security-token", request.Header("Authorization"), StringComparison.Ordinal);
    }
}
