using System.Text.Json.Nodes;
using GluonStyleText.Aws.Batch;
using GluonStyleText.Aws.Lambda;

namespace GluonStyleText.Aws.Tests.Lambda;

/// <summary>The Lambda's decision from the object's size: one job, or a plan job, an array of children and an assemble job.</summary>
public sealed class ShardedSubmissionTests
{
    private const string PredictBucket = "gst-predict-123456789012-eu-west-1";
    private const string ETag = "9b2cf535f27731c974343645a3985328";

    private readonly FakeBatchJobs _batch = new();

    [Theory]
    [InlineData(0L, 1)]
    [InlineData(ShardingSettings.DefaultThresholdBytes, 1)]
    [InlineData(ShardingSettings.DefaultThresholdBytes + 1, 3)]
    [InlineData(1L << 30, 8)]
    [InlineData((1L << 30) + 1, 9)]
    [InlineData(10L << 40, ShardingSettings.DefaultMaxShards)]
    public void The_shard_count_is_one_up_to_the_threshold_then_the_size_over_the_shard_size_up_to_the_cap(long size, int expected) =>
        Assert.Equal(expected, new ShardingSettings { JobDefinition = "d" }.ShardCount(size));

    [Fact]
    public void An_event_without_a_size_gets_one_job() =>
        Assert.Equal(1, new ShardingSettings { JobDefinition = "d", ThresholdBytes = 0 }.ShardCount(null));

    [Fact]
    public void A_size_just_over_the_threshold_that_fits_one_shard_gets_one_job_not_an_array_of_one() =>
        Assert.Equal(1, new ShardingSettings { JobDefinition = "d", ThresholdBytes = 10, ShardBytes = 100 }.ShardCount(50));

    [Theory]
    [InlineData(1)]
    [InlineData(10_001)]
    public void A_cap_outside_Batchs_array_sizes_is_refused(int cap)
    {
        var error = Assert.Throws<ArgumentException>(() => new ShardingSettings { JobDefinition = "d", MaxShards = cap }.Validate());
        Assert.Contains("MaxShards", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Under_the_threshold_one_plain_job_is_submitted_with_the_single_job_definition()
    {
        var response = await Handler().ProcessAsync(S3Events.Stream(Event(size: 1000)));

        var request = Assert.Single(_batch.Submitted);
        Assert.Equal("single", request.JobDefinition);
        Assert.Null(request.ArraySize);
        Assert.Equal(1, Assert.Single(response.Submitted).Shards);
    }

    [Fact]
    public async Task Over_the_threshold_a_plan_job_an_array_depending_on_it_and_an_assemble_job_depending_on_the_array_are_submitted()
    {
        var response = await Handler().ProcessAsync(S3Events.Stream(Event(size: 8_000)));

        Assert.Equal(3, _batch.Submitted.Count);
        var (plan, shards, assemble) = (_batch.Submitted[0], _batch.Submitted[1], _batch.Submitted[2]);
        Assert.All(_batch.Submitted, request => Assert.Equal("sharded", request.JobDefinition));
        Assert.Equal([ShardedJobSteps.Plan, ShardedJobSteps.PredictShard, ShardedJobSteps.Assemble], _batch.Submitted.Select(r => r.Parameters[ShardedJobSteps.StepParameter]));
        Assert.Null(plan.ArraySize);
        Assert.Null(plan.DependsOn);
        Assert.Equal(8, shards.ArraySize);
        Assert.Equal("job-1", Assert.Single(shards.DependsOn!).JobId);
        Assert.Equal("job-2", Assert.Single(assemble.DependsOn!).JobId);
        Assert.All(_batch.Submitted, request => Assert.Equal(3, request.RetryAttempts));
        Assert.All(_batch.Submitted, request => Assert.Equal("3", request.Parameters[ShardedJobSteps.AttemptsParameter]));
        Assert.All(_batch.Submitted, request => Assert.Equal("8", request.Parameters[ShardedJobSteps.ShardsParameter]));
        Assert.Single(_batch.Submitted.Select(request => request.Parameters[ShardedJobSteps.RunParameter]).Distinct());
        Assert.All(_batch.Submitted, request => Assert.Equal((PredictBucket, "big.csv", ETag), (request.Parameters["bucket"], request.Parameters["key"], request.Parameters["etag"])));
        var submitted = Assert.Single(response.Submitted);
        Assert.Equal(("job-3", 8, assemble.JobName), (submitted.JobId, submitted.Shards, submitted.JobName));
    }

    [Fact]
    public async Task The_same_event_twice_gives_the_same_job_names_but_separate_runs()
    {
        await Handler().ProcessAsync(S3Events.Stream(Event(size: 8_000)));
        await Handler().ProcessAsync(S3Events.Stream(Event(size: 8_000)));

        Assert.Equal(_batch.Submitted.Take(3).Select(r => r.JobName), _batch.Submitted.Skip(3).Select(r => r.JobName));
        Assert.NotEqual(_batch.Submitted[0].Parameters[ShardedJobSteps.RunParameter], _batch.Submitted[3].Parameters[ShardedJobSteps.RunParameter]);
    }

    [Fact]
    public void Sharded_job_names_are_valid_distinct_and_change_with_the_ETag()
    {
        var names = S3UploadHandler.ShardedJobNames(PredictBucket, "claims/may.csv", ETag);
        var other = S3UploadHandler.ShardedJobNames(PredictBucket, "claims/may.csv", "0" + ETag[1..]);

        string[] all = [names.Plan, names.Shards, names.Assemble];
        Assert.All(all, name => Assert.True(BatchJobNames.IsValid(name), name));
        Assert.Equal(3, all.Distinct().Count());
        Assert.DoesNotContain(S3UploadHandler.JobName(PredictBucket, "claims/may.csv", ETag), all);
        Assert.NotEqual(names.Assemble, other.Assemble);
        Assert.Equal(names, S3UploadHandler.ShardedJobNames(PredictBucket, "claims/may.csv", ETag));
    }

    [Fact]
    public void The_environment_turns_sharding_on_only_with_a_shard_job_definition()
    {
        var variables = new Dictionary<string, string>
        {
            [S3UploadHandlerSettings.JobQueueVariable] = "q",
            [S3UploadHandlerSettings.JobDefinitionVariable] = "d",
            [S3UploadHandlerSettings.PredictBucketVariable] = PredictBucket,
        };
        Assert.Null(S3UploadHandlerSettings.FromEnvironment(variables.GetValueOrDefault).Sharding);

        variables[ShardingSettings.JobDefinitionVariable] = "shard-d";
        variables[ShardingSettings.MaxShardsVariable] = "50";
        var sharding = S3UploadHandlerSettings.FromEnvironment(variables.GetValueOrDefault).Sharding!;
        Assert.Equal(("shard-d", 50, ShardingSettings.DefaultThresholdBytes), (sharding.JobDefinition, sharding.MaxShards, sharding.ThresholdBytes));

        variables[ShardingSettings.MaxShardsVariable] = "20000";
        Assert.Throws<InvalidOperationException>(() => S3UploadHandlerSettings.FromEnvironment(variables.GetValueOrDefault));
    }

    private S3UploadHandler Handler() => new(
        _batch,
        new S3UploadHandlerSettings
        {
            JobQueue = "q",
            JobDefinition = "single",
            PredictBucket = PredictBucket,
            Sharding = new ShardingSettings { JobDefinition = "sharded", ThresholdBytes = 4_000, ShardBytes = 1_000, MaxShards = 8 },
        },
        new StringWriter());

    private static string Event(long size)
    {
        var json = JsonNode.Parse(S3Events.Json(("ObjectCreated:Put", PredictBucket, "big.csv", ETag)))!;
        json["Records"]![0]!["s3"]!["object"]!["size"] = size;
        return json.ToJsonString();
    }
}
