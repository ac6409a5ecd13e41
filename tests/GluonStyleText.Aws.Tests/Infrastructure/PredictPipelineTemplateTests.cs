using System.Text.Json;

namespace GluonStyleText.Aws.Tests.Infrastructure;

/// <summary>
/// The S3 upload -> SQS -> Lambda -> Batch chain. The seed's job definition ran a hard-coded test.csv, so
/// the uploaded file's name never reached the job; these tests keep that from coming back.
/// </summary>
public sealed class PredictPipelineTemplateTests
{
    private const string PredictBucketName = "${NamePrefix}-predict-${AWS::AccountId}-${AWS::Region}";

    private static readonly CloudFormationTemplate Template = CloudFormationTemplate.Repository;

    private static JsonElement JobDefinition => Template.Properties("PredictJobDefinition");

    [Fact]
    public void JobCommandPassesTheUploadedBucketKeyAndETagAsParameters()
    {
        var command = JobDefinition.GetProperty("ContainerProperties").GetProperty("Command")
            .EnumerateArray().Select(part => part.GetString()).ToList();

        Assert.Equal(["predict", "--bucket", "Ref::bucket", "--key", "Ref::key", "--etag", "Ref::etag"], command);
    }

    [Fact]
    public void JobDefinitionNamesNoFixedInputFile()
    {
        var text = JobDefinition.GetRawText();

        Assert.DoesNotContain("test.csv", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void JobDefinitionHasDefaultsForBothParameters()
    {
        var parameters = JobDefinition.GetProperty("Parameters");

        Assert.Equal(PredictBucketName, parameters.GetProperty("bucket").GetProperty("Fn::Sub").GetString());
        Assert.False(string.IsNullOrEmpty(parameters.GetProperty("key").GetString()));
    }

    [Fact]
    public void JobRetriesInfrastructureFailuresOnlyAndHasATimeout()
    {
        var retry = JobDefinition.GetProperty("RetryStrategy");
        var rules = retry.GetProperty("EvaluateOnExit").EnumerateArray().ToList();

        Assert.Equal(3, retry.GetProperty("Attempts").GetInt32());
        Assert.InRange(rules.Count, 2, 5); // Batch accepts at most 5 rules
        // The first matching rule decides, so every retry comes before the catch-all exit, and a
        // container that ran and exited (any exit code: a bad input fails the same way again) is not retried.
        Assert.All(rules.SkipLast(1), rule => Assert.Equal("RETRY", rule.GetProperty("Action").GetString()));
        Assert.All(rules.SkipLast(1), rule => Assert.False(rule.TryGetProperty("OnExitCode", out _)));
        Assert.Equal("""{"OnExitCode":"*","Action":"EXIT"}""", JsonSerializer.Serialize(rules[^1]));
        Assert.Equal("JobTimeoutSeconds", JobDefinition.GetProperty("Timeout").GetProperty("AttemptDurationSeconds").GetProperty("Ref").GetString());
    }

    [Fact]
    public void JobGetsTheModelUriAndResultsBucket()
    {
        var environment = JobDefinition.GetProperty("ContainerProperties").GetProperty("Environment").EnumerateArray()
            .ToDictionary(variable => variable.GetProperty("Name").GetString()!, variable => JsonSerializer.Serialize(variable.GetProperty("Value")));

        Assert.Equal("""{"Fn::Sub":"s3://${ModelsBucket}/${ModelPrefix}"}""", environment["MODEL_URI"]);
        Assert.Equal("""{"Ref":"ResultsBucket"}""", environment["RESULTS_BUCKET"]);
        Assert.Equal("bundles/current/", Template.Parameters["ModelPrefix"].GetProperty("Default").GetString());
    }

    [Fact]
    public void LambdaHandlerIsTheUploadFunctionsHandleAsync()
    {
        var function = Template.Properties("UploadFunction");

        var handler = function.GetProperty("Handler").GetString()!.Split("::");

        Assert.Equal(["GluonStyleText.Aws.Lambda", "GluonStyleText.Aws.Lambda.UploadFunction", "HandleAsync"], handler);
    }

    [Fact]
    public void LambdaRunsOnAManagedDotnetRuntimeThatTheAwsPackageTargets()
    {
        var runtime = Template.Properties("UploadFunction").GetProperty("Runtime").GetProperty("Ref").GetString();

        var allowed = Template.Parameters[runtime!].GetProperty("AllowedValues").EnumerateArray().Select(v => v.GetString()).ToList();

        // dotnet10 runs the net10.0 build of GluonStyleText.Aws.Lambda, dotnet8 the net8.0 build.
        Assert.Equal(["dotnet10", "dotnet8"], allowed);
        Assert.Equal("dotnet10", Template.Parameters[runtime!].GetProperty("Default").GetString());
    }

    [Fact]
    public void LambdaGetsTheQueueJobDefinitionAndPredictBucket()
    {
        var variables = Template.Properties("UploadFunction").GetProperty("Environment").GetProperty("Variables");

        Assert.Equal("PredictJobQueue", variables.GetProperty("JOB_QUEUE").GetProperty("Ref").GetString());
        Assert.Equal("PredictJobDefinition", variables.GetProperty("JOB_DEFINITION").GetProperty("Ref").GetString());
        Assert.Equal(PredictBucketName, variables.GetProperty("PREDICT_BUCKET").GetProperty("Fn::Sub").GetString());
    }

    [Fact]
    public void PredictBucketQueuesEveryCreatedObjectWhateverTheCaseOfItsExtension()
    {
        var notification = Template.Properties("PredictBucket").GetProperty("NotificationConfiguration");
        var configuration = Assert.Single(notification.GetProperty("QueueConfigurations").EnumerateArray());

        // S3's suffix filter is case-sensitive: no filter, the function ignores what is not .csv in any case.
        Assert.False(configuration.TryGetProperty("Filter", out _));
        Assert.False(notification.TryGetProperty("LambdaConfigurations", out _));
        Assert.Equal("s3:ObjectCreated:*", configuration.GetProperty("Event").GetString());
        Assert.Equal("""{"Fn::GetAtt":["UploadQueue","Arn"]}""", JsonSerializer.Serialize(configuration.GetProperty("Queue")));
    }

    [Fact]
    public void TheQueueFeedsTheLambdaReportsPartialFailuresAndHasADeadLetterQueue()
    {
        var mapping = Template.Properties("UploadFunctionEventSource");
        var queue = Template.Properties("UploadQueue");
        var redrive = queue.GetProperty("RedrivePolicy");

        Assert.Equal("""{"Fn::GetAtt":["UploadQueue","Arn"]}""", JsonSerializer.Serialize(mapping.GetProperty("EventSourceArn")));
        Assert.Equal(["ReportBatchItemFailures"], mapping.GetProperty("FunctionResponseTypes").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("""{"Fn::GetAtt":["UploadDeadLetterQueue","Arn"]}""", JsonSerializer.Serialize(redrive.GetProperty("deadLetterTargetArn")));
        // AWS's advice: at least six times the function's timeout, so a slow batch is not delivered twice meanwhile.
        Assert.True(queue.GetProperty("VisibilityTimeout").GetInt32() >= 6 * Template.Properties("UploadFunction").GetProperty("Timeout").GetInt32());
        Assert.True(Template.Properties("UploadDeadLetterQueue").GetProperty("MessageRetentionPeriod").GetInt32()
            > queue.GetProperty("MessageRetentionPeriod").GetInt32());
    }

    [Fact]
    public void S3MaySendToTheQueueOnlyForThePredictBucketOfThisAccount()
    {
        var statement = Assert.Single(Template.Properties("UploadQueuePolicy").GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray());
        var condition = statement.GetProperty("Condition");

        Assert.Equal("s3.amazonaws.com", statement.GetProperty("Principal").GetProperty("Service").GetString());
        Assert.Equal("sqs:SendMessage", statement.GetProperty("Action").GetString());
        Assert.Equal("AWS::AccountId", condition.GetProperty("StringEquals").GetProperty("aws:SourceAccount").GetProperty("Ref").GetString());
        Assert.Equal($"arn:${{AWS::Partition}}:s3:::{PredictBucketName}", condition.GetProperty("ArnLike").GetProperty("aws:SourceArn").GetProperty("Fn::Sub").GetString());
    }

    [Fact]
    public void PredictBucketIsCreatedAfterTheQueuePolicyItsNotificationNeeds()
    {
        var bucket = Template.Resource("PredictBucket");

        Assert.Equal(PredictBucketName, bucket.GetProperty("Properties").GetProperty("BucketName").GetProperty("Fn::Sub").GetString());
        Assert.Contains("UploadQueuePolicy", bucket.GetProperty("DependsOn").EnumerateArray().Select(d => d.GetString()));
    }

    [Fact]
    public void JobsRunThePushedImageByDigestFromAnImmutableRepository()
    {
        var image = JsonSerializer.Serialize(JobDefinition.GetProperty("ContainerProperties").GetProperty("Image"));

        Assert.Equal("IMMUTABLE", Template.Properties("ImageRepository").GetProperty("ImageTagMutability").GetString());
        Assert.Contains("""["HasImageDigest",{"Fn::Sub":"${ImageRepository.RepositoryUri}@${ImageDigest}"}""", image, StringComparison.Ordinal);
    }

    [Fact]
    public void JobsRunWithAReadOnlyRootAndAWritableScratchVolume()
    {
        var container = JobDefinition.GetProperty("ContainerProperties");
        var environment = container.GetProperty("Environment").EnumerateArray()
            .ToDictionary(variable => variable.GetProperty("Name").GetString()!, variable => variable.GetProperty("Value").ToString());

        Assert.True(container.GetProperty("ReadonlyRootFilesystem").GetBoolean());
        Assert.Equal("/scratch", Assert.Single(container.GetProperty("MountPoints").EnumerateArray()).GetProperty("ContainerPath").GetString());
        Assert.Equal(("/scratch", "/scratch"), (environment["WORK_DIRECTORY"], environment["TMPDIR"]));
        Assert.Contains("VOLUME [\"/scratch\"]", File.ReadAllText(RepositoryPaths.Dockerfile), StringComparison.Ordinal);
    }

    [Fact]
    public void ModelsAreVersionedByDefaultAndInputsAndResultsExpireByParameter()
    {
        Assert.Equal("Enabled", Template.Parameters["ModelsBucketVersioning"].GetProperty("Default").GetString());
        Assert.Equal("""{"Ref":"ModelsBucketVersioning"}""", JsonSerializer.Serialize(Template.Properties("ModelsBucket").GetProperty("VersioningConfiguration").GetProperty("Status")));
        foreach (var (bucket, days) in new[] { ("PredictBucket", "InputExpirationDays"), ("ResultsBucket", "ResultsExpirationDays") })
        {
            var rules = JsonSerializer.Serialize(Template.Properties(bucket).GetProperty("LifecycleConfiguration"));
            Assert.Contains($$"""
                "ExpirationInDays":{"Ref":"{{days}}"}
                """, rules, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EverySpelledOutPredictBucketNameMatchesTheBucketsOwn()
    {
        // The predict bucket's name is computed rather than referenced (a Ref would close the circle
        // bucket -> permission -> function -> bucket), so every copy must stay identical.
        var copies = TemplateReferenceFinder.FindAll(Template)
            .Where(reference => reference.Kind == TemplateReferenceKind.SubRef && reference.Target == "NamePrefix")
            .Select(reference => reference.Location)
            .Distinct()
            .Select(location => (location, text: SubText(location)))
            .Where(copy => copy.text.Contains("-predict-", StringComparison.Ordinal))
            .ToList();

        Assert.True(copies.Count >= 5, $"Expected the bucket name in the bucket, permission, Lambda, job role and job parameters; found {copies.Count}.");
        Assert.All(copies, copy => Assert.True(copy.text.Contains(PredictBucketName, StringComparison.Ordinal), $"{copy.location}: '{copy.text}'"));
    }

    private static string SubText(string location)
    {
        var element = Template.Root;
        foreach (var step in location.Split('.'))
        {
            element = Step(element, step);
        }

        return element.ValueKind == JsonValueKind.Array ? element[0].GetString()! : element.GetString()!;
    }

    private static JsonElement Step(JsonElement element, string step)
    {
        var bracket = step.IndexOf('[', StringComparison.Ordinal);
        if (bracket < 0)
        {
            return element.GetProperty(step);
        }

        element = element.GetProperty(step[..bracket]);
        foreach (var index in step[(bracket + 1)..].TrimEnd(']').Split("]["))
        {
            element = element[int.Parse(index, System.Globalization.CultureInfo.InvariantCulture)];
        }

        return element;
    }
}
