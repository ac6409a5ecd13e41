using System.Text.Json;

namespace GluonStyleText.Aws.Tests.Infrastructure;

/// <summary>
/// The S3 upload -> Lambda -> Batch chain. The seed's job definition ran a hard-coded test.csv, so
/// the uploaded file's name never reached the job; these tests keep that from coming back.
/// </summary>
public sealed class PredictPipelineTemplateTests
{
    private const string PredictBucketName = "${NamePrefix}-predict-${AWS::AccountId}-${AWS::Region}";

    private static readonly CloudFormationTemplate Template = CloudFormationTemplate.Repository;

    private static JsonElement JobDefinition => Template.Properties("PredictJobDefinition");

    [Fact]
    public void JobCommandPassesTheUploadedBucketAndKeyAsParameters()
    {
        var command = JobDefinition.GetProperty("ContainerProperties").GetProperty("Command")
            .EnumerateArray().Select(part => part.GetString()).ToList();

        Assert.Equal(["predict", "--bucket", "Ref::bucket", "--key", "Ref::key"], command);
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
    public void JobIsRetriedOnceAndHasATimeout()
    {
        Assert.Equal(2, JobDefinition.GetProperty("RetryStrategy").GetProperty("Attempts").GetInt32());
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
    public void LambdaHandlerIsTheS3UploadHandlersHandleAsync()
    {
        var function = Template.Properties("UploadFunction");

        var handler = function.GetProperty("Handler").GetString()!.Split("::");

        Assert.Equal(["GluonStyleText.Aws", "GluonStyleText.Aws.Lambda.S3UploadHandler", "HandleAsync"], handler);
    }

    [Fact]
    public void LambdaRunsOnAManagedDotnetRuntimeThatTheAwsPackageTargets()
    {
        var runtime = Template.Properties("UploadFunction").GetProperty("Runtime").GetProperty("Ref").GetString();

        var allowed = Template.Parameters[runtime!].GetProperty("AllowedValues").EnumerateArray().Select(v => v.GetString()).ToList();

        // dotnet10 runs the net10.0 build of GluonStyleText.Aws, dotnet8 the net8.0 build.
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
    public void PredictBucketNotifiesTheLambdaOfEveryCreatedCsv()
    {
        var configuration = Assert.Single(Template.Properties("PredictBucket")
            .GetProperty("NotificationConfiguration").GetProperty("LambdaConfigurations").EnumerateArray());

        var rule = Assert.Single(configuration.GetProperty("Filter").GetProperty("S3Key").GetProperty("Rules").EnumerateArray());
        Assert.Equal("s3:ObjectCreated:*", configuration.GetProperty("Event").GetString());
        Assert.Equal("suffix", rule.GetProperty("Name").GetString());
        Assert.Equal(".csv", rule.GetProperty("Value").GetString());
        Assert.Equal("""{"Fn::GetAtt":["UploadFunction","Arn"]}""", JsonSerializer.Serialize(configuration.GetProperty("Function")));
    }

    [Fact]
    public void S3MayInvokeTheLambdaOnlyForThePredictBucketOfThisAccount()
    {
        var permission = Template.Properties("UploadFunctionS3Permission");

        Assert.Equal("s3.amazonaws.com", permission.GetProperty("Principal").GetString());
        Assert.Equal("AWS::AccountId", permission.GetProperty("SourceAccount").GetProperty("Ref").GetString());
        Assert.Equal($"arn:${{AWS::Partition}}:s3:::{PredictBucketName}", permission.GetProperty("SourceArn").GetProperty("Fn::Sub").GetString());
    }

    [Fact]
    public void PredictBucketIsCreatedAfterThePermissionItsNotificationNeeds()
    {
        var bucket = Template.Resource("PredictBucket");

        Assert.Equal(PredictBucketName, bucket.GetProperty("Properties").GetProperty("BucketName").GetProperty("Fn::Sub").GetString());
        Assert.Contains("UploadFunctionS3Permission", bucket.GetProperty("DependsOn").EnumerateArray().Select(d => d.GetString()));
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
