using System.Text;
using System.Text.Json.Nodes;
using GluonStyleText.Aws.Batch;
using GluonStyleText.Aws.Host.Batch;
using GluonStyleText.Aws.Lambda;
using GluonStyleText.Aws.Local;
using GluonStyleText.Aws.SageMaker;
using GluonStyleText.Aws.Tests.Contracts;
using GluonStyleText.Aws.Tests.Fixtures;
using GluonStyleText.Aws.Tests.Infrastructure;
using GluonStyleText.Aws.Tests.Pipeline;
using Xunit.Abstractions;

namespace GluonStyleText.Aws.Tests.Iam;

/// <summary>
/// Runs every component end to end (the Lambda handler and the Batch job in the local pipeline,
/// the SageMaker launcher against SageMaker's API) with its calls recorded, then evaluates each
/// call against that component's role in the stack template with IAM's rules. A call the role
/// does not allow fails; so does an Allow statement that no call needs.
/// </summary>
[Collection(S3ServerCollection.Name)]
public sealed class RolesAllowWhatTheCodeDoesTests(S3ServerFixture s3, TinyModelFixture model, ITestOutputHelper output) : IClassFixture<TinyModelFixture>, IDisposable
{
    private const string Account = "123456789012";
    private static readonly TimeSpan OutputTimeout = TimeSpan.FromMinutes(2);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Every_call_of_every_component_is_allowed_by_its_role_and_every_statement_is_needed()
    {
        // A prefix of its own, so the template's bucket names are this test's buckets on the shared server.
        var prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        var template = new ResolvedTemplate(CloudFormationTemplate.Repository, Account, s3.Server.Region, new Dictionary<string, string>
        {
            ["NamePrefix"] = prefix,
            ["ImageDigest"] = "sha256:" + new string('a', 64),
        });
        var policies = new IamPolicies(CloudFormationTemplate.Repository, template);
        var recorder = new AwsCallRecorder(Account, template.Region);

        await RunPredictionPipelineAsync(template, recorder);
        // On demand, and on spot capacity with checkpoints in the launcher's default prefix.
        var createBodies = new[] { await RunTrainingLauncherAsync(template, recorder, spot: false), await RunTrainingLauncherAsync(template, recorder, spot: true) };

        var calls = recorder.Calls
            .Concat(PlatformCalls.LambdaRuntime(template, "UploadFunction"))
            .Concat(PlatformCalls.LambdaEventSource(template, "UploadFunctionEventSource"))
            .Concat(PlatformCalls.EcsTaskStart(template, "PredictJobDefinition"))
            .Concat(PlatformCalls.EcsTaskStart(template, "ShardJobDefinition"))
            .Concat(createBodies.SelectMany(body => PlatformCalls.SageMakerTraining(template, body)))
            .ToList();
        foreach (var call in calls)
        {
            output.WriteLine(call.ToString());
        }

        var denied = new List<string>();
        var needed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var call in calls)
        {
            var (allowed, allowing) = policies.Decide(call);
            if (!allowed)
            {
                denied.Add(call.ToString());
            }

            needed.UnionWith(allowing.Select(statement => statement.Location));
        }

        // Those the stack creates with these parameters: the GPU compute environment's instance role is left out by default.
        var principals = CloudFormationTemplate.Repository.ResourcesOfType("AWS::IAM::Role")
            .Concat(CloudFormationTemplate.Repository.ResourcesOfType("AWS::IAM::ManagedPolicy"))
            .Select(resource => resource.Key)
            .Where(template.Exists)
            .ToList();
        var unneeded = principals
            .SelectMany(principal => policies.IdentityStatements(principal))
            .Where(statement => statement.Effect == "Allow" && !needed.Contains(statement.Location))
            .Select(statement => $"{statement.Location}: {string.Join(", ", statement.Actions)} on {string.Join(", ", statement.Resources)}")
            .ToList();
        var untested = principals.Where(principal => !calls.Any(call => call.Principal == principal)).ToList();

        Assert.True(denied.Count == 0, "Calls the role does not allow:\n" + string.Join('\n', denied));
        Assert.True(unneeded.Count == 0, "Allow statements no recorded call needs (least privilege):\n" + string.Join('\n', unneeded));
        Assert.True(untested.Count == 0, "Roles or policies no component's calls exercise: " + string.Join(", ", untested));
    }

    [Fact]
    public void The_training_role_trusts_SageMaker_only_for_this_accounts_training_jobs()
    {
        var template = new ResolvedTemplate(CloudFormationTemplate.Repository, Account, "eu-west-1", new Dictionary<string, string>());
        var policies = new IamPolicies(CloudFormationTemplate.Repository, template);
        var trust = policies.TrustStatements("SageMakerExecutionRole");
        var role = template.GetAtt("SageMakerExecutionRole", "Arn");
        IamRequest Assume(string account, string sourceArn) => new("sagemaker.amazonaws.com", "sts:AssumeRole", role,
            new Dictionary<string, string> { ["aws:SourceAccount"] = account, ["aws:SourceArn"] = sourceArn }, "SageMaker assuming the role");

        Assert.True(policies.Decide(Assume(Account, $"arn:aws:sagemaker:eu-west-1:{Account}:training-job/imdb-1"), trust).Allowed);
        Assert.False(policies.Decide(Assume("999999999999", "arn:aws:sagemaker:eu-west-1:999999999999:training-job/imdb-1"), trust).Allowed);
        Assert.False(policies.Decide(Assume(Account, $"arn:aws:sagemaker:eu-west-1:{Account}:notebook-instance/x"), trust).Allowed);
    }

    [Fact]
    public void The_bucket_policies_deny_plain_http_even_where_the_role_allows()
    {
        var template = new ResolvedTemplate(CloudFormationTemplate.Repository, Account, "eu-west-1", new Dictionary<string, string>());
        var policies = new IamPolicies(CloudFormationTemplate.Repository, template);
        var key = $"arn:aws:s3:::{template.Ref("PredictBucket")}/in.csv";
        IamRequest Get(string secure) => new("PredictJobRole", "s3:GetObject", key, new Dictionary<string, string> { ["aws:SecureTransport"] = secure }, "test");

        Assert.True(policies.Decide(Get("true")).Allowed);
        Assert.False(policies.Decide(Get("false")).Allowed);
    }

    private async Task RunPredictionPipelineAsync(ResolvedTemplate template, AwsCallRecorder recorder)
    {
        var lambda = template.Properties("UploadFunction")["Environment"]!["Variables"]!;
        var container = template.Properties("PredictJobDefinition")["ContainerProperties"]!;
        var jobEnvironment = container["Environment"]!.AsArray().ToDictionary(v => v!["Name"]!.GetValue<string>(), v => v!["Value"]!.GetValue<string>());
        using var jobClient = s3.Server.CreateClient(recorder.S3("PredictJobRole"));
        var input = _folder.WriteFile("claims.csv", Encoding.UTF8.GetBytes(SyntheticReviews.ToCsv(SyntheticReviews.Create(20, seed: 5))));
        // Sharding as the stack's Lambda gets it, with sizes small enough that claims.csv gets one job and big.csv four
        // children (a row alignment of 16 rows with BatchSize 1). failingChild makes that child fail on every attempt.
        var big = _folder.WriteFile("big.csv", Encoding.UTF8.GetBytes(SyntheticReviews.ToCsv(SyntheticReviews.Create(128, seed: 6))));
        var bigSize = new FileInfo(big).Length;
        var sharding = new ShardingSettings
        {
            JobDefinition = PlatformCalls.Value(lambda[ShardingSettings.JobDefinitionVariable]!),
            ThresholdBytes = new FileInfo(input).Length,
            ShardBytes = (bigSize + 3) / 4,
            MaxShards = int.Parse(PlatformCalls.Value(lambda[ShardingSettings.MaxShardsVariable]!), System.Globalization.CultureInfo.InvariantCulture),
            Attempts = int.Parse(PlatformCalls.Value(lambda[ShardingSettings.AttemptsVariable]!), System.Globalization.CultureInfo.InvariantCulture),
        };
        var failingChild = -1;
        await using var pipeline = await LocalPipeline.StartAsync(new LocalPipelineOptions
        {
            BundlePath = model.BundlePath,
            Server = s3.Server,
            PredictBucket = PlatformCalls.Value(lambda["PREDICT_BUCKET"]!),
            ResultsBucket = jobEnvironment[BatchPredictionJobOptions.ResultsBucketVariable],
            ModelsBucket = template.Ref("ModelsBucket"),
            ModelPrefix = template.Ref("ModelPrefix"),
            JobQueue = PlatformCalls.Value(lambda["JOB_QUEUE"]!),
            JobDefinition = PlatformCalls.Value(lambda["JOB_DEFINITION"]!),
            WorkDirectory = _folder.Combine("work"),
            Threads = 1,
            JobClient = jobClient,
            Sharding = sharding,
            BatchSize = 1,
            OnShardProgress = (index, _, _) =>
            {
                if (index == Volatile.Read(ref failingChild))
                {
                    throw new IOException($"injected: child {index} dies on every attempt");
                }
            },
            RedeliveryDelay = TimeSpan.FromMilliseconds(50),
            HandlerBatchJobs = jobs => new BatchJsonClient(TestClients.Options(), new HttpClient(recorder.Handler("UploadFunctionRole", new LocalBatchEndpoint(jobs), localStandsInForHttps: false))),
        }, new TestOutputLogger(output));
        Assert.Equal(jobEnvironment[BatchPredictionJobOptions.ModelUriVariable], pipeline.ModelUri.ToString());

        await pipeline.UploadAsync(input);
        Assert.Null((await pipeline.WaitForOutputAsync("claims.csv", OutputTimeout)).Manifest.Shards);
        // The same upload again: the job finds the complete output and reuses it.
        await pipeline.UploadAsync(input);
        Assert.True((await pipeline.WaitForOutputAsync("claims.csv", OutputTimeout)).Manifest.RowsIn == 20);

        // A large upload: plan, the array's children (ranged reads, work files), assemble (multipart upload, deleting the work files).
        await pipeline.UploadAsync(big);
        var sharded = await pipeline.WaitForOutputAsync("big.csv", OutputTimeout);
        Assert.Equal(4, sharded.Manifest.Shards!.Count);
        Assert.Contains(recorder.Calls, call => call.Action == "s3:DeleteObject" && call.Principal == "PredictJobRole");

        // A child that fails on its last attempt writes the failure record; the assemble job never runs.
        Volatile.Write(ref failingChild, 1);
        await pipeline.UploadAsync(big, "doomed.csv");
        await Assert.ThrowsAsync<InvalidOperationException>(() => pipeline.WaitForOutputAsync("doomed.csv", OutputTimeout));
        var record = $"arn:aws:s3:::{pipeline.ResultsBucket}/{BatchPredictionJobOutputNames.FailureKey("doomed.csv")}";
        Assert.Contains(recorder.Calls, call => call.Action == "s3:PutObject" && call.Resource == record);

        // An upload deleted before its job ran: the job must learn "no such object", not "access denied".
        var gone = BatchPredictionJobOptions.FromEnvironment(pipeline.PredictBucket, "deleted.csv", name =>
            name == BatchPredictionJobOptions.WorkDirectoryVariable ? _folder.Combine("work") : jobEnvironment.GetValueOrDefault(name));
        var missing = await Assert.ThrowsAsync<FileNotFoundException>(() => BatchPredictionJob.RunAsync(gone, jobClient));
        Assert.Contains("no such object", missing.Message, StringComparison.Ordinal);
    }

    private static async Task<System.Text.Json.JsonElement> RunTrainingLauncherAsync(ResolvedTemplate template, AwsCallRecorder recorder, bool spot)
    {
        var sageMaker = new FakeAwsHandler()
            .RespondOk(CannedResponses.CreateTrainingJob)
            .RespondOk(CannedResponses.DescribeTrainingJobCompleted);
        var client = new SageMakerJsonClient(TestClients.Options(), new HttpClient(recorder.Handler("TrainingLauncherPolicy", sageMaker, localStandsInForHttps: false)));
        await SageMakerTrainingLauncher.RunAsync(
            new SageMakerLaunchOptions
            {
                Image = template.Output("ImageUri"),
                RoleArn = template.Output("SageMakerExecutionRoleArn"),
                TrainingDataUri = template.Output("TrainingDataUri") + "imdb/",
                OutputUri = template.Output("SageMakerOutputUri"),
                InstanceType = "ml.c5.2xlarge",
                UseSpotInstances = spot,
                PollInterval = TimeSpan.Zero,
                MaxPollInterval = TimeSpan.Zero,
            },
            client);
        var create = PlatformCalls.Body(sageMaker.Requests.First().Body);
        Assert.Equal(spot, create.TryGetProperty("CheckpointConfig", out _));
        return create;
    }
}
