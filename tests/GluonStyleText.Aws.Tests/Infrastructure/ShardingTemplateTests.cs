using System.CommandLine;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using GluonStyleText.Aws.Batch;
using GluonStyleText.Aws.Host.Batch;
using GluonStyleText.Aws.Host.Commands;
using GluonStyleText.Aws.Lambda;
using GluonStyleText.Aws.Tests.Iam;
using GluonStyleText.Aws.Tests.Lambda;
using GluonStyleText.Cli.ConsoleUi;

namespace GluonStyleText.Aws.Tests.Infrastructure;

/// <summary>
/// The stack's side of sharded prediction (docs/aws-pipeline.md, "Sharded prediction"): the shard job definition runs
/// what the Lambda submits as the host parses it, the Lambda gets the code's SHARD_* variables with the code's defaults,
/// and the results bucket expires the work prefix the code writes under.
/// </summary>
public sealed class ShardingTemplateTests
{
    private const string Account = "123456789012";

    private static readonly CloudFormationTemplate Template = CloudFormationTemplate.Repository;

    private static JsonElement ShardJobDefinition => Template.Properties("ShardJobDefinition");

    private static ResolvedTemplate Resolved(string sharding) =>
        new(Template, Account, "eu-west-1", new Dictionary<string, string> { ["ShardedPrediction"] = sharding });

    [Fact]
    public async Task Every_step_the_Lambda_submits_fills_the_shard_command_and_parses_as_that_host_command()
    {
        var resolved = Resolved("Enabled");
        var batch = new FakeBatchJobs();
        var settings = S3UploadHandlerSettings.FromEnvironment(LambdaVariables(resolved).GetValueOrDefault);
        var handler = new S3UploadHandler(batch, settings, new StringWriter());
        var json = JsonNode.Parse(S3Events.Json(("ObjectCreated:Put", settings.PredictBucket, "big.csv", "0123456789abcdef0123456789abcdef")))!;
        json["Records"]![0]!["s3"]!["object"]!["size"] = settings.Sharding!.ThresholdBytes + 1;
        await handler.ProcessAsync(S3Events.Stream(json.ToJsonString()));

        var command = ShardJobDefinition.GetProperty("ContainerProperties").GetProperty("Command").EnumerateArray().Select(part => part.GetString()!).ToList();
        var defaults = ShardJobDefinition.GetProperty("Parameters").EnumerateObject().ToDictionary(p => p.Name, p => "default");
        var root = new RootCommand();
        foreach (var host in ShardCommands.Create(new CliConsole(new StringWriter(), new StringWriter(), ErrorIsTerminal: false), new Option<bool>("--verbose")))
        {
            root.Subcommands.Add(host);
        }

        Assert.Equal([ShardedJobSteps.Plan, ShardedJobSteps.PredictShard, ShardedJobSteps.Assemble], batch.Submitted.Select(r => r.Parameters[ShardedJobSteps.StepParameter]));
        Assert.Equal("Ref::" + ShardedJobSteps.StepParameter, command[0]);
        foreach (var request in batch.Submitted)
        {
            Assert.Equal(resolved.Ref("ShardJobDefinition"), request.JobDefinition);
            var args = command.Select(part => part.StartsWith("Ref::", StringComparison.Ordinal)
                ? request.Parameters.GetValueOrDefault(part[5..]) ?? (defaults.ContainsKey(part[5..]) ? "default" : throw new Xunit.Sdk.XunitException($"{part} has no value"))
                : part).ToList();
            var parsed = root.Parse(args);

            Assert.Empty(parsed.Errors);
            Assert.Equal(request.Parameters[ShardedJobSteps.StepParameter], parsed.CommandResult.Command.Name);
            // Every parameter the Lambda submits reaches the command line.
            Assert.All(request.Parameters.Keys, name => Assert.Contains("Ref::" + name, command));
        }
    }

    [Fact]
    public void The_shard_job_definition_retries_every_failure_with_the_stacks_attempts_and_has_a_timeout()
    {
        var retry = ShardJobDefinition.GetProperty("RetryStrategy");
        var attempts = Template.Parameters["ShardAttempts"];

        // No EvaluateOnExit: a shard's failure can be a lost host mid-shard, so every failure is retried (as the Lambda submits it).
        Assert.Equal("""{"Attempts":{"Ref":"ShardAttempts"}}""", JsonSerializer.Serialize(retry));
        Assert.Equal(ShardingSettings.DefaultAttempts, attempts.GetProperty("Default").GetInt32());
        Assert.Equal((1, BatchJobRequest.MaxRetryAttempts), (attempts.GetProperty("MinValue").GetInt32(), attempts.GetProperty("MaxValue").GetInt32()));
        Assert.Equal("JobTimeoutSeconds", ShardJobDefinition.GetProperty("Timeout").GetProperty("AttemptDurationSeconds").GetProperty("Ref").GetString());
    }

    [Fact]
    public void The_shard_job_definition_runs_the_prediction_jobs_image_roles_and_Fargate_settings()
    {
        var predict = Template.Properties("PredictJobDefinition");
        static JsonObject Container(JsonElement definition)
        {
            var container = JsonNode.Parse(definition.GetProperty("ContainerProperties").GetRawText())!.AsObject();
            container.Remove("Command");
            container["LogConfiguration"]!["Options"]!.AsObject().Remove("awslogs-stream-prefix");
            return container;
        }

        Assert.Equal(Container(predict).ToJsonString(), Container(ShardJobDefinition).ToJsonString());
        foreach (var property in new[] { "Type", "PlatformCapabilities", "Parameters" })
        {
            Assert.Equal(predict.GetProperty(property).GetRawText(), ShardJobDefinition.GetProperty(property).GetRawText());
        }
    }

    [Fact]
    public void The_Lambda_gets_exactly_the_variables_the_code_reads_with_the_codes_defaults()
    {
        var variables = Template.Properties("UploadFunction").GetProperty("Environment").GetProperty("Variables");
        var codeNames = VariableNames(typeof(S3UploadHandlerSettings)).Concat(VariableNames(typeof(ShardingSettings))).Order().ToList();

        Assert.Equal(codeNames, variables.EnumerateObject().Select(v => v.Name).Order().ToList());
        Assert.Equal(
            """{"Fn::If":["ShardingEnabled",{"Ref":"ShardJobDefinition"},{"Ref":"AWS::NoValue"}]}""",
            JsonSerializer.Serialize(variables.GetProperty(ShardingSettings.JobDefinitionVariable)));

        var enabled = S3UploadHandlerSettings.FromEnvironment(LambdaVariables(Resolved("Enabled")).GetValueOrDefault).Sharding;
        Assert.NotNull(enabled);
        Assert.Equal(new ShardingSettings { JobDefinition = enabled.JobDefinition }, enabled); // every default is the code's
        Assert.Equal(Resolved("Enabled").Ref("ShardJobDefinition"), enabled.JobDefinition);
    }

    [Fact]
    public void Disabled_sharding_deploys_no_shard_job_definition_and_the_Lambda_gives_every_upload_one_job()
    {
        var resolved = Resolved("Disabled");
        var variables = LambdaVariables(resolved);

        Assert.False(resolved.Exists("ShardJobDefinition"));
        Assert.DoesNotContain(ShardingSettings.JobDefinitionVariable, variables.Keys);
        Assert.Null(S3UploadHandlerSettings.FromEnvironment(variables.GetValueOrDefault).Sharding);
        var policies = new IamPolicies(Template, resolved);
        Assert.DoesNotContain(policies.IdentityStatements("PredictJobRole"), statement => statement.Actions.Contains("s3:DeleteObject"));
    }

    [Fact]
    public void The_results_bucket_expires_the_codes_work_prefix_and_aborts_its_incomplete_uploads()
    {
        var rules = Template.Properties("ResultsBucket").GetProperty("LifecycleConfiguration").GetProperty("Rules").EnumerateArray();
        var work = Assert.Single(rules, rule => rule.TryGetProperty("Prefix", out var prefix) && prefix.GetString() == ShardedPredictionOptions.DefaultWorkPrefix);
        var environment = ShardJobDefinition.GetProperty("ContainerProperties").GetProperty("Environment").EnumerateArray().Select(v => v.GetProperty("Name").GetString());

        Assert.Equal("Enabled", work.GetProperty("Status").GetString());
        Assert.Equal("WorkExpirationDays", work.GetProperty("ExpirationInDays").GetProperty("Ref").GetString());
        Assert.Equal("WorkExpirationDays", work.GetProperty("AbortIncompleteMultipartUpload").GetProperty("DaysAfterInitiation").GetProperty("Ref").GetString());
        Assert.InRange(Template.Parameters["WorkExpirationDays"].GetProperty("Default").GetInt32(), 1, 7);
        // The steps use the default prefix, the one the rule and the job role's DeleteObject name.
        Assert.DoesNotContain(ShardedPredictionOptions.WorkPrefixVariable, environment);
        var resolved = Resolved("Enabled");
        var delete = Assert.Single(new IamPolicies(Template, resolved).IdentityStatements("PredictJobRole"), statement => statement.Actions.Contains("s3:DeleteObject"));
        Assert.Equal([$"arn:aws:s3:::{resolved.Ref("ResultsBucket")}/{ShardedPredictionOptions.DefaultWorkPrefix}*"], delete.Resources);
    }

    private static Dictionary<string, string> LambdaVariables(ResolvedTemplate resolved) =>
        resolved.Properties("UploadFunction")["Environment"]!["Variables"]!.AsObject().ToDictionary(v => v.Key, v => v.Value!.GetValue<string>());

    private static IEnumerable<string> VariableNames(Type settings) =>
        settings.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.Name.EndsWith("Variable", StringComparison.Ordinal))
            .Select(field => (string)field.GetRawConstantValue()!);
}
