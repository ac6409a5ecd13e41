using System.Text.Json;
using System.Text.Json.Nodes;

namespace GluonStyleText.Aws.Tests.Iam;

/// <summary>
/// The calls AWS services make with a stack role on the code's behalf, which no client of this
/// repository sends and so no recorder sees: the Lambda runtime writing the function's log
/// group, ECS pulling the job's image and writing its awslogs group, SageMaker reading the
/// training channel, pulling the image, writing the model, logs and metrics, and keeping a job's
/// checkpoint prefix in step with its checkpoint folder. Each is derived
/// from the resolved template or from the recorded request that starts the work, following the
/// service's documented use of the role.
/// </summary>
internal static class PlatformCalls
{
    private static readonly IReadOnlyDictionary<string, string> Https = new Dictionary<string, string> { ["aws:SecureTransport"] = "true" };

    public static IEnumerable<IamRequest> LambdaRuntime(ResolvedTemplate template, string function)
    {
        var properties = template.Properties(function);
        var role = RoleName(properties["Role"]!.GetValue<string>());
        var group = properties["LoggingConfig"]!["LogGroup"]!.GetValue<string>();
        var stream = $"arn:aws:logs:{template.Region}:{template.Account}:log-group:{group}:log-stream:2026/12/02/[$LATEST]0123456789abcdef";
        return new[] { "logs:CreateLogStream", "logs:PutLogEvents" }.Select(action => new IamRequest(role, action, stream, Https, $"Lambda runtime logs of {function}"));
    }

    /// <summary>Lambda polling an SQS event source for the function, with the function's role.</summary>
    public static IEnumerable<IamRequest> LambdaEventSource(ResolvedTemplate template, string mapping)
    {
        var properties = template.Properties(mapping);
        var function = properties["FunctionName"]!.GetValue<string>();
        var role = RoleName(template.Properties(function)["Role"]!.GetValue<string>());
        var queue = properties["EventSourceArn"]!.GetValue<string>();
        return new[] { "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes" }
            .Select(action => new IamRequest(role, action, queue, Https, $"Lambda polling {mapping}"));
    }

    public static IEnumerable<IamRequest> EcsTaskStart(ResolvedTemplate template, string jobDefinition)
    {
        var container = template.Properties(jobDefinition)["ContainerProperties"]!;
        var role = RoleName(container["ExecutionRoleArn"]!.GetValue<string>());
        var why = $"ECS starting {jobDefinition}";
        foreach (var call in ImagePull(template, role, container["Image"]!.GetValue<string>(), why))
        {
            yield return call;
        }

        var group = container["LogConfiguration"]!["Options"]!["awslogs-group"]!.GetValue<string>();
        var prefix = container["LogConfiguration"]!["Options"]!["awslogs-stream-prefix"]!.GetValue<string>();
        var stream = $"arn:aws:logs:{template.Region}:{template.Account}:log-group:{group}:log-stream:{prefix}/default/0123456789abcdef";
        yield return new IamRequest(role, "logs:CreateLogStream", stream, Https, why);
        yield return new IamRequest(role, "logs:PutLogEvents", stream, Https, why);
    }

    /// <summary>What SageMaker does with the job's role for a recorded CreateTrainingJob body.</summary>
    public static IEnumerable<IamRequest> SageMakerTraining(ResolvedTemplate template, JsonElement create)
    {
        var role = RoleName(create.GetProperty("RoleArn").GetString()!);
        var name = create.GetProperty("TrainingJobName").GetString()!;
        var why = $"SageMaker running training job {name}";
        var data = new Uri(create.GetProperty("InputDataConfig")[0].GetProperty("DataSource").GetProperty("S3DataSource").GetProperty("S3Uri").GetString()!);
        var dataPrefix = data.AbsolutePath.TrimStart('/');
        yield return new IamRequest(role, "s3:ListBucket", $"arn:aws:s3:::{data.Host}", new Dictionary<string, string>(Https) { ["s3:prefix"] = dataPrefix }, why);
        yield return new IamRequest(role, "s3:GetObject", $"arn:aws:s3:::{data.Host}/{dataPrefix}train.csv", Https, why);
        var output = new Uri(create.GetProperty("OutputDataConfig").GetProperty("S3OutputPath").GetString()!);
        var modelKey = $"{output.AbsolutePath.Trim('/')}/{name}/output/model.tar.gz";
        yield return new IamRequest(role, "s3:PutObject", $"arn:aws:s3:::{output.Host}/{modelKey}", Https, why);
        if (create.TryGetProperty("CheckpointConfig", out var checkpointConfig))
        {
            foreach (var call in CheckpointSync(role, new Uri(checkpointConfig.GetProperty("S3Uri").GetString()!), why))
            {
                yield return call;
            }
        }

        foreach (var call in ImagePull(template, role, create.GetProperty("AlgorithmSpecification").GetProperty("TrainingImage").GetString()!, why))
        {
            yield return call;
        }

        var group = $"arn:aws:logs:{template.Region}:{template.Account}:log-group:/aws/sagemaker/TrainingJobs";
        yield return new IamRequest(role, "logs:CreateLogGroup", group, Https, why);
        foreach (var action in new[] { "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams" })
        {
            yield return new IamRequest(role, action, $"{group}:log-stream:{name}/algo-1-1764680000", Https, why);
        }

        yield return new IamRequest(role, "cloudwatch:PutMetricData", "*", new Dictionary<string, string>(Https) { ["cloudwatch:namespace"] = "/aws/sagemaker/TrainingJobs" }, why);
    }

    // SageMaker keeps the checkpoint prefix and the container's checkpoint folder alike: it lists the prefix and
    // copies what is there into the container before it starts (a restarted spot job), uploads every file the
    // container writes, and deletes from S3 what the container deletes (the trainer prunes the earlier epoch's files).
    private static IEnumerable<IamRequest> CheckpointSync(string role, Uri checkpoints, string why)
    {
        var prefix = checkpoints.AbsolutePath.TrimStart('/');
        var bucket = $"arn:aws:s3:::{checkpoints.Host}";
        yield return new IamRequest(role, "s3:ListBucket", bucket, new Dictionary<string, string>(Https) { ["s3:prefix"] = prefix }, why + ": restoring checkpoints");
        yield return new IamRequest(role, "s3:GetObject", $"{bucket}/{prefix}checkpoint.json", Https, why + ": restoring checkpoints");
        yield return new IamRequest(role, "s3:PutObject", $"{bucket}/{prefix}epoch-0001-model.bin", Https, why + ": saving a checkpoint");
        yield return new IamRequest(role, "s3:DeleteObject", $"{bucket}/{prefix}epoch-0000-model.bin", Https, why + ": pruning a checkpoint");
    }

    private static IEnumerable<IamRequest> ImagePull(ResolvedTemplate template, string role, string image, string why)
    {
        // 123456789012.dkr.ecr.eu-west-1.amazonaws.com/name:tag or name@sha256:digest
        var path = image[(image.IndexOf('/', StringComparison.Ordinal) + 1)..];
        var repository = path.Split('@')[0].Split(':')[0];
        var arn = $"arn:aws:ecr:{template.Region}:{template.Account}:repository/{repository}";
        yield return new IamRequest(role, "ecr:GetAuthorizationToken", "*", Https, why);
        foreach (var action in new[] { "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage" })
        {
            yield return new IamRequest(role, action, arn, Https, why);
        }
    }

    private static string RoleName(string roleArn) => roleArn[(roleArn.LastIndexOf('/') + 1)..];

    public static JsonElement Body(byte[] body) => JsonDocument.Parse(body).RootElement.Clone();

    public static string Value(JsonNode node) => node.GetValue<string>();
}
