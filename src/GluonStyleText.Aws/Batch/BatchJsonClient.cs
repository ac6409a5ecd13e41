using System.Text.Json;
using System.Text.Json.Nodes;
using GluonStyleText.Aws.Configuration;
using GluonStyleText.Aws.Signing;
using Microsoft.Extensions.Logging;

namespace GluonStyleText.Aws.Batch;

/// <summary>
/// <see cref="IBatchJobs"/> over the AWS Batch REST-JSON API (<c>POST /v1/submitjob</c>,
/// <c>POST /v1/describejobs</c>), signed with Signature Version 4. Throttling and server errors
/// are retried; other errors throw <see cref="AwsApiException"/>.
/// </summary>
public sealed class BatchJsonClient : IBatchJobs
{
    /// <summary>The most job ids one DescribeJobs call accepts.</summary>
    public const int MaxJobIdsPerDescribe = 100;

    internal static readonly AwsJsonOperation SubmitJob = new("SubmitJob", "/v1/submitjob");
    internal static readonly AwsJsonOperation DescribeJobs = new("DescribeJobs", "/v1/describejobs");

    private readonly AwsJsonClient _client;

    /// <summary>Creates a client; the region is resolved here, so a missing region fails now.</summary>
    /// <param name="options">Region, endpoint, credentials and retry settings.</param>
    /// <param name="httpClient">The HTTP client to send with; null for a shared one.</param>
    /// <param name="logger">Logs retries; optional.</param>
    public BatchJsonClient(AwsClientOptions options, HttpClient? httpClient = null, ILogger<BatchJsonClient>? logger = null)
        : this(new AwsJsonClient(AwsService.Batch, options, httpClient, logger))
    {
    }

    internal BatchJsonClient(AwsJsonClient client)
    {
        this._client = client;
    }

    /// <inheritdoc />
    public async Task<SubmittedJob> SubmitJobAsync(BatchJobRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        using var answer = await _client.SendAsync(SubmitJob, CreateSubmitJobBody(request), cancellationToken).ConfigureAwait(false);
        var reader = new AwsJsonReader("Batch SubmitJob");
        var root = answer.RootElement;
        return new SubmittedJob(reader.RequiredString(root, "jobId"), reader.RequiredString(root, "jobName"), AwsJsonReader.OptionalString(root, "jobArn"));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<BatchJobStatus>> DescribeJobsAsync(IReadOnlyList<string> jobIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobIds);
        if (jobIds.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("A Batch job id to describe is empty.", nameof(jobIds));
        }

        var statuses = new List<BatchJobStatus>(jobIds.Count);
        foreach (var chunk in jobIds.Chunk(MaxJobIdsPerDescribe))
        {
            var body = new JsonObject { ["jobs"] = new JsonArray(chunk.Select(id => (JsonNode?)JsonValue.Create(id)).ToArray()) };
            using var answer = await _client.SendAsync(DescribeJobs, body, cancellationToken).ConfigureAwait(false);
            var reader = new AwsJsonReader("Batch DescribeJobs");
            foreach (var job in reader.RequiredElement(answer.RootElement, "jobs", JsonValueKind.Array).EnumerateArray())
            {
                statuses.Add(ReadStatus(reader, job));
            }
        }

        return statuses;
    }

    internal static JsonObject CreateSubmitJobBody(BatchJobRequest request)
    {
        var body = new JsonObject
        {
            ["jobName"] = request.JobName,
            ["jobQueue"] = request.JobQueue,
            ["jobDefinition"] = request.JobDefinition,
            ["parameters"] = ToJsonObject(request.Parameters),
        };

        if (request.Environment is { Count: > 0 } environment)
        {
            var variables = environment.Select(variable => (JsonNode?)new JsonObject { ["name"] = variable.Key, ["value"] = variable.Value });
            body["containerOverrides"] = new JsonObject { ["environment"] = new JsonArray(variables.ToArray()) };
        }

        if (request.ArraySize is { } size)
        {
            body["arrayProperties"] = new JsonObject { ["size"] = size };
        }

        if (request.DependsOn is { Count: > 0 } dependencies)
        {
            body["dependsOn"] = new JsonArray(dependencies.Select(dependency =>
            {
                var node = new JsonObject { ["jobId"] = dependency.JobId };
                if (dependency.Type is { } type)
                {
                    node["type"] = type;
                }

                return (JsonNode?)node;
            }).ToArray());
        }

        if (request.RetryAttempts is { } attempts)
        {
            body["retryStrategy"] = new JsonObject { ["attempts"] = attempts };
        }

        if (request.AttemptDurationSeconds is { } seconds)
        {
            body["timeout"] = new JsonObject { ["attemptDurationSeconds"] = seconds };
        }

        return body;
    }

    private static JsonObject ToJsonObject(IReadOnlyDictionary<string, string> values)
    {
        var json = new JsonObject();
        foreach (var (key, value) in values)
        {
            json[key] = value;
        }

        return json;
    }

    private static BatchJobStatus ReadStatus(AwsJsonReader reader, JsonElement job)
    {
        var rawStatus = reader.RequiredString(job, "status");
        var container = AwsJsonReader.OptionalElement(job, "container", JsonValueKind.Object);
        return new BatchJobStatus(reader.RequiredString(job, "jobId"), reader.RequiredString(job, "jobName"), ParseState(rawStatus), rawStatus)
        {
            StatusReason = AwsJsonReader.OptionalString(job, "statusReason"),
            CreatedAt = AwsJsonReader.OptionalEpochMilliseconds(job, "createdAt"),
            StartedAt = AwsJsonReader.OptionalEpochMilliseconds(job, "startedAt"),
            StoppedAt = AwsJsonReader.OptionalEpochMilliseconds(job, "stoppedAt"),
            ExitCode = container is { } c ? AwsJsonReader.OptionalInt32(c, "exitCode") : null,
            ContainerReason = container is { } r ? AwsJsonReader.OptionalString(r, "reason") : null,
            LogStreamName = container is { } l ? AwsJsonReader.OptionalString(l, "logStreamName") : null,
        };
    }

    private static BatchJobState ParseState(string status) =>
        Enum.GetValues<BatchJobState>().FirstOrDefault(
            state => state != BatchJobState.Unknown && state.ToString().Equals(status, StringComparison.OrdinalIgnoreCase));
}
