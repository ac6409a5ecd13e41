using System.Text.Json;
using System.Text.Json.Nodes;
using GluonStyleText.Aws.Configuration;
using GluonStyleText.Aws.Signing;
using Microsoft.Extensions.Logging;

namespace GluonStyleText.Aws.SageMaker;

/// <summary>
/// <see cref="ISageMakerTrainingJobs"/> over the SageMaker JSON 1.1 API (<c>POST /</c> with
/// <c>X-Amz-Target: SageMaker.&lt;Operation&gt;</c>), signed with Signature Version 4. Throttling
/// and server errors are retried; other errors throw <see cref="AwsApiException"/>.
/// </summary>
public sealed class SageMakerJsonClient : ISageMakerTrainingJobs
{
    internal static readonly AwsJsonOperation CreateTrainingJob = new("CreateTrainingJob", "/");
    internal static readonly AwsJsonOperation DescribeTrainingJob = new("DescribeTrainingJob", "/");
    internal static readonly AwsJsonOperation StopTrainingJob = new("StopTrainingJob", "/");

    private readonly AwsJsonClient _client;

    /// <summary>Creates a client; the region is resolved here, so a missing region fails now.</summary>
    /// <param name="options">Region, endpoint, credentials and retry settings.</param>
    /// <param name="httpClient">The HTTP client to send with; null for a shared one.</param>
    /// <param name="logger">Logs retries; optional.</param>
    public SageMakerJsonClient(AwsClientOptions options, HttpClient? httpClient = null, ILogger<SageMakerJsonClient>? logger = null)
        : this(new AwsJsonClient(AwsService.SageMaker, options, httpClient, logger))
    {
    }

    internal SageMakerJsonClient(AwsJsonClient client)
    {
        this._client = client;
    }

    /// <inheritdoc />
    public async Task<CreatedTrainingJob> CreateTrainingJobAsync(TrainingJobRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        using var answer = await _client.SendAsync(CreateTrainingJob, CreateTrainingJobBody(request), cancellationToken).ConfigureAwait(false);
        var arn = new AwsJsonReader("SageMaker CreateTrainingJob").RequiredString(answer.RootElement, "TrainingJobArn");
        return new CreatedTrainingJob(request.TrainingJobName, arn);
    }

    /// <inheritdoc />
    public async Task<TrainingJobDescription> DescribeTrainingJobAsync(string trainingJobName, CancellationToken cancellationToken = default)
    {
        TrainingJobNames.Validate(trainingJobName);
        using var answer = await _client.SendAsync(DescribeTrainingJob, NameBody(trainingJobName), cancellationToken).ConfigureAwait(false);
        return ReadDescription(answer.RootElement);
    }

    /// <inheritdoc />
    public async Task StopTrainingJobAsync(string trainingJobName, CancellationToken cancellationToken = default)
    {
        TrainingJobNames.Validate(trainingJobName);
        using var answer = await _client.SendAsync(StopTrainingJob, NameBody(trainingJobName), cancellationToken).ConfigureAwait(false);
    }

    internal static JsonObject NameBody(string trainingJobName) => new() { ["TrainingJobName"] = trainingJobName };

    internal static JsonObject CreateTrainingJobBody(TrainingJobRequest request)
    {
        var hyperParameters = new JsonObject();
        foreach (var (key, value) in request.HyperParameters)
        {
            hyperParameters[key] = value;
        }

        var stopping = new JsonObject { ["MaxRuntimeInSeconds"] = request.MaxRuntimeInSeconds };
        if (request.MaxWaitTimeInSeconds is { } maxWait)
        {
            stopping["MaxWaitTimeInSeconds"] = maxWait;
        }

        // Older API models required AlgorithmSpecification, ResourceConfig and StoppingCondition,
        // and SageMaker still needs them for a custom image, so they are always sent.
        var body = new JsonObject
        {
            ["TrainingJobName"] = request.TrainingJobName,
            ["AlgorithmSpecification"] = new JsonObject
            {
                ["TrainingImage"] = request.TrainingImage,
                ["TrainingInputMode"] = "File",
            },
            ["RoleArn"] = request.RoleArn,
            ["InputDataConfig"] = new JsonArray(new JsonObject
            {
                ["ChannelName"] = TrainingJobRequest.TrainingChannelName,
                ["DataSource"] = new JsonObject
                {
                    ["S3DataSource"] = new JsonObject
                    {
                        ["S3DataType"] = "S3Prefix",
                        ["S3Uri"] = request.TrainingDataS3Uri,
                        ["S3DataDistributionType"] = "FullyReplicated",
                    },
                },
            }),
            ["OutputDataConfig"] = new JsonObject { ["S3OutputPath"] = request.OutputS3Uri },
            ["ResourceConfig"] = new JsonObject
            {
                ["InstanceType"] = request.InstanceType,
                ["InstanceCount"] = request.InstanceCount,
                ["VolumeSizeInGB"] = request.VolumeSizeInGB,
            },
            ["StoppingCondition"] = stopping,
            ["EnableNetworkIsolation"] = request.EnableNetworkIsolation,
            ["HyperParameters"] = hyperParameters,
        };

        // Left out rather than sent as false or null, so that an on-demand job's request is what it always was.
        if (request.EnableManagedSpotTraining)
        {
            body["EnableManagedSpotTraining"] = true;
        }

        if (request.CheckpointS3Uri is { } checkpoints)
        {
            body["CheckpointConfig"] = new JsonObject { ["S3Uri"] = checkpoints, ["LocalPath"] = TrainingJobRequest.CheckpointLocalPath };
        }

        return body;
    }

    private static TrainingJobDescription ReadDescription(JsonElement root)
    {
        var reader = new AwsJsonReader("SageMaker DescribeTrainingJob");
        var rawStatus = reader.RequiredString(root, "TrainingJobStatus");
        var artifacts = AwsJsonReader.OptionalElement(root, "ModelArtifacts", JsonValueKind.Object);
        var transitions = AwsJsonReader.OptionalElement(root, "SecondaryStatusTransitions", JsonValueKind.Array);
        return new TrainingJobDescription(
            reader.RequiredString(root, "TrainingJobName"),
            reader.RequiredString(root, "TrainingJobArn"),
            ParseState(rawStatus),
            rawStatus,
            reader.RequiredString(root, "SecondaryStatus"),
            reader.RequiredEpochSeconds(root, "CreationTime"))
        {
            FailureReason = AwsJsonReader.OptionalString(root, "FailureReason"),
            S3ModelArtifacts = artifacts is { } a ? AwsJsonReader.OptionalString(a, "S3ModelArtifacts") : null,
            TrainingStartTime = AwsJsonReader.OptionalEpochSeconds(root, "TrainingStartTime"),
            TrainingEndTime = AwsJsonReader.OptionalEpochSeconds(root, "TrainingEndTime"),
            LastModifiedTime = AwsJsonReader.OptionalEpochSeconds(root, "LastModifiedTime"),
            TrainingTimeInSeconds = AwsJsonReader.OptionalInt32(root, "TrainingTimeInSeconds"),
            BillableTimeInSeconds = AwsJsonReader.OptionalInt32(root, "BillableTimeInSeconds"),
            SecondaryStatusTransitions = transitions is { } t
                ? t.EnumerateArray().Select(transition => ReadTransition(reader, transition)).ToList()
                : [],
        };
    }

    private static TrainingStatusTransition ReadTransition(AwsJsonReader reader, JsonElement transition) =>
        new(
            reader.RequiredString(transition, "Status"),
            reader.RequiredEpochSeconds(transition, "StartTime"),
            AwsJsonReader.OptionalEpochSeconds(transition, "EndTime"),
            AwsJsonReader.OptionalString(transition, "StatusMessage"));

    private static TrainingJobState ParseState(string status) =>
        Enum.GetValues<TrainingJobState>().FirstOrDefault(
            state => state != TrainingJobState.Unknown && state.ToString().Equals(status, StringComparison.Ordinal));
}
