using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GluonStyleText.Aws.Batch;
using GluonStyleText.Aws.Local;

namespace GluonStyleText.Aws.Tests.Fixtures;

/// <summary>
/// The Batch SubmitJob API served in-process by the local job runner, so that the Lambda handler
/// submits through the real <see cref="BatchJsonClient"/> (signing, JSON, HTTP) and its calls can
/// be recorded where they leave the code. It can also answer as Batch does when it throttles.
/// </summary>
internal sealed class LocalBatchEndpoint(LocalBatchJobs jobs) : HttpMessageHandler
{
    private int _submitCalls;

    /// <summary>How many SubmitJob calls, from the first, are answered 429 TooManyRequestsException.</summary>
    public int ThrottleFirst { get; init; }

    /// <summary>How many SubmitJob calls arrived, throttled or not.</summary>
    public int SubmitCalls => Volatile.Read(ref _submitCalls);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.RequestUri!.AbsolutePath.EndsWith("/v1/submitjob", StringComparison.Ordinal))
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("""{"message":"only SubmitJob is served"}""") };
        }

        if (Interlocked.Increment(ref _submitCalls) <= ThrottleFirst)
        {
            // Batch's REST-JSON error: type in the x-amzn-ErrorType header, message in the body.
            var throttle = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent("""{"message":"Too Many Requests"}""", Encoding.UTF8, "application/json") };
            throttle.Headers.TryAddWithoutValidation("x-amzn-ErrorType", "TooManyRequestsException");
            return throttle;
        }

        using var body = JsonDocument.Parse(await request.Content!.ReadAsByteArrayAsync(cancellationToken));
        var root = body.RootElement;
        var parameters = root.GetProperty("parameters").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        // Everything of SubmitJob's body that the local runner acts on (botocore's shapes; BatchContractTests checks the client's bodies).
        var submitted = await jobs.SubmitJobAsync(
            new BatchJobRequest(root.GetProperty("jobName").GetString()!, root.GetProperty("jobQueue").GetString()!, root.GetProperty("jobDefinition").GetString()!, parameters)
            {
                Environment = root.TryGetProperty("containerOverrides", out var overrides) && overrides.TryGetProperty("environment", out var environment)
                    ? environment.EnumerateArray().ToDictionary(v => v.GetProperty("name").GetString()!, v => v.GetProperty("value").GetString()!)
                    : null,
                ArraySize = root.TryGetProperty("arrayProperties", out var array) ? array.GetProperty("size").GetInt32() : null,
                DependsOn = root.TryGetProperty("dependsOn", out var dependsOn)
                    ? dependsOn.EnumerateArray().Select(d => new BatchJobDependency(d.GetProperty("jobId").GetString()!, d.TryGetProperty("type", out var type) ? type.GetString() : null)).ToList()
                    : null,
                RetryAttempts = root.TryGetProperty("retryStrategy", out var retry) ? retry.GetProperty("attempts").GetInt32() : null,
                AttemptDurationSeconds = root.TryGetProperty("timeout", out var timeout) ? timeout.GetProperty("attemptDurationSeconds").GetInt32() : null,
            },
            cancellationToken);
        var answer = new JsonObject { ["jobId"] = submitted.JobId, ["jobName"] = submitted.JobName, ["jobArn"] = submitted.JobArn };
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answer.ToJsonString(), Encoding.UTF8, "application/json") };
    }
}
