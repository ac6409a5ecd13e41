using System.Text;
using System.Text.Json.Nodes;
using Amazon.S3.Model;
using GluonStyleText.Aws.Host.Batch;
using GluonStyleText.Aws.Lambda;
using GluonStyleText.Aws.Local;
using GluonStyleText.Aws.Storage;
using GluonStyleText.Aws.Tests.Fixtures;
using S3Location = GluonStyleText.Aws.Storage.S3Location;

namespace GluonStyleText.Aws.Tests.Pipeline;

// A large upload split across an array job on the local S3 server: plan -> children -> assemble, with the same host code as in AWS.
[Collection(S3ServerCollection.Name)]
public sealed class ShardedPipelineTests(S3ServerFixture s3, TinyModelFixture model) : IClassFixture<TinyModelFixture>, IDisposable
{
    private const int Shards = 8;
    private static readonly TimeSpan OutputTimeout = TimeSpan.FromMinutes(3);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Eight_shards_give_the_single_jobs_bytes_and_a_duplicate_event_creates_no_second_output()
    {
        var (input, size) = WriteInput();
        var expected = await SingleJobOutputAsync(input);
        await using var pipeline = await StartAsync(Sharding(size));

        await pipeline.UploadAsync(input, "big.csv");
        var first = await pipeline.WaitForOutputAsync("big.csv", OutputTimeout);

        var bytes = await ReadBytesAsync(pipeline, first.Output);
        Assert.Equal(expected, bytes);
        Assert.Equal(Shards, first.Manifest.Shards!.Count);
        Assert.Equal(Enumerable.Range(0, Shards), first.Manifest.Shards.Select(shard => shard.Shard));
        Assert.Equal(first.Manifest.RowsIn, first.Manifest.Shards.Sum(shard => shard.RowsIn));
        Assert.Equal((first.Manifest.RowsIn, model.ModelHash), (first.Manifest.RowsOut, first.Manifest.ModelHash));
        Assert.Equal(["big_output.csv", "big_output.manifest.json"], await ListAsync(pipeline, pipeline.ResultsBucket));

        await pipeline.UploadAsync(input, "big.csv");
        var second = await pipeline.WaitForOutputAsync("big.csv", OutputTimeout);

        Assert.NotEqual(first.Job.JobId, second.Job.JobId);
        Assert.Equal(first.Job.JobName, second.Job.JobName);
        Assert.Equal(first.Manifest.FinishedUtc, second.Manifest.FinishedUtc); // the first run's manifest, kept
        Assert.Equal(bytes, await ReadBytesAsync(pipeline, second.Output));
        Assert.Equal(["big_output.csv", "big_output.manifest.json"], await ListAsync(pipeline, pipeline.ResultsBucket));
    }

    [Fact]
    public async Task A_child_that_fails_once_is_retried_and_the_output_is_still_identical()
    {
        var (input, size) = WriteInput();
        var expected = await SingleJobOutputAsync(input);
        var attemptsOfShard3 = new HashSet<int>();
        await using var pipeline = await StartAsync(Sharding(size), (index, attempt, _) =>
        {
            if (index != 3)
            {
                return;
            }

            lock (attemptsOfShard3)
            {
                attemptsOfShard3.Add(attempt);
            }

            if (attempt == 1)
            {
                throw new IOException("injected: the first attempt of child 3 dies");
            }
        });

        await pipeline.UploadAsync(input, "big.csv");
        var output = await pipeline.WaitForOutputAsync("big.csv", OutputTimeout);

        Assert.Equal(expected, await ReadBytesAsync(pipeline, output.Output));
        Assert.Equal([1, 2], attemptsOfShard3.Order());
        Assert.Equal(["big_output.csv", "big_output.manifest.json"], await ListAsync(pipeline, pipeline.ResultsBucket));
    }

    [Fact]
    public async Task A_child_that_always_fails_leaves_no_output_no_pending_upload_and_a_record_naming_the_shard()
    {
        var (input, size) = WriteInput();
        await using var pipeline = await StartAsync(Sharding(size), (index, _, _) =>
        {
            if (index == 3)
            {
                throw new IOException("injected: child 3 dies on every attempt");
            }
        });

        await pipeline.UploadAsync(input, "big.csv");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => pipeline.WaitForOutputAsync("big.csv", OutputTimeout));

        Assert.Contains("Dependent Job failed", error.Message, StringComparison.Ordinal);
        var results = await ListAsync(pipeline, pipeline.ResultsBucket);
        Assert.DoesNotContain("big_output.csv", results);
        Assert.DoesNotContain("big_output.manifest.json", results);
        Assert.Contains("big_output.failure.json", results);
        var record = JsonNode.Parse(Encoding.UTF8.GetString(await ReadBytesAsync(pipeline, new S3Location(pipeline.ResultsBucket, "big_output.failure.json"))))!;
        Assert.Equal("shard 3", record["failed"]!.GetValue<string>());
        Assert.Contains("child 3 dies on every attempt", record["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        var uploads = await pipeline.Client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = pipeline.ResultsBucket });
        Assert.Empty(uploads.MultipartUploads ?? []);
    }

    private (string Path, long Size) WriteInput()
    {
        // Quoted newlines and a Japanese row, between ordinary rows, so that cuts must respect quotes and UTF-8.
        var reviews = SyntheticReviews.Create(1024, seed: 7);
        reviews[100] = (reviews[100].Label, reviews[100].Text + "\nsecond line, \"quoted\"\n\nafter an empty line");
        reviews[517] = (reviews[517].Label, "とても良い映画でした。great fun, 素晴らしい");
        reviews[900] = (reviews[900].Label, "");
        var path = _folder.WriteFile($"input-{Guid.NewGuid():N}.csv", Encoding.UTF8.GetBytes(SyntheticReviews.ToCsv(reviews)));
        return (path, new FileInfo(path).Length);
    }

    private static ShardingSettings Sharding(long size) =>
        new() { JobDefinition = "local-predict-shard", ThresholdBytes = 1_000, ShardBytes = (size + Shards - 1) / Shards, MaxShards = Shards, Attempts = 3 };

    private async Task<byte[]> SingleJobOutputAsync(string input)
    {
        await using var pipeline = await StartAsync(sharding: null);
        await pipeline.UploadAsync(input, "big.csv");
        var output = await pipeline.WaitForOutputAsync("big.csv", OutputTimeout);
        Assert.Null(output.Manifest.Shards);
        return await ReadBytesAsync(pipeline, output.Output);
    }

    private async Task<LocalPipeline> StartAsync(ShardingSettings? sharding, Action<int, int, BatchPredictionJobProgress>? onShardProgress = null)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        return await LocalPipeline.StartAsync(new LocalPipelineOptions
        {
            BundlePath = model.BundlePath,
            Server = s3.Server,
            PredictBucket = $"predict-{id}",
            ResultsBucket = $"results-{id}",
            ModelsBucket = $"models-{id}",
            WorkDirectory = _folder.Combine("work-" + id),
            Threads = 1,
            // A row alignment of 16 rows, so that a small file gets eight shards.
            BatchSize = 1,
            Sharding = sharding,
            OnShardProgress = onShardProgress,
            RedeliveryDelay = TimeSpan.FromMilliseconds(50),
        });
    }

    private static async Task<byte[]> ReadBytesAsync(LocalPipeline pipeline, S3Location location)
    {
        using var response = await pipeline.Client.GetObjectAsync(location.Bucket, location.Key);
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static async Task<List<string>> ListAsync(LocalPipeline pipeline, string bucket) =>
        (await pipeline.Store.ListAsync(new S3Location(bucket, ""))).Select(o => o.Location.Key).ToList();
}
