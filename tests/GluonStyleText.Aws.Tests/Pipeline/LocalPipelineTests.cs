using System.Globalization;
using System.Text;
using GluonStyleText.Aws.Batch;
using GluonStyleText.Aws.Host.Batch;
using GluonStyleText.Aws.Local;
using GluonStyleText.Aws.Storage;
using GluonStyleText.Aws.Tests.Fixtures;
using GluonStyleText.Training;
using Xunit.Abstractions;

namespace GluonStyleText.Aws.Tests.Pipeline;

// The whole pipeline on the local S3 server: upload -> S3 event -> Lambda handler -> local Batch job -> results.
[Collection(S3ServerCollection.Name)]
public sealed class LocalPipelineTests(S3ServerFixture s3, TinyModelFixture model, ITestOutputHelper output) : IClassFixture<TinyModelFixture>, IDisposable
{
    private static readonly TimeSpan OutputTimeout = TimeSpan.FromMinutes(2);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task An_uploaded_csv_named_with_a_space_is_classified_once_even_when_uploaded_twice()
    {
        await using var pipeline = await StartAsync(model.BundlePath);
        var reviews = SyntheticReviews.Create(200, seed: 99);
        reviews[57] = (reviews[57].Label, "");
        var input = _folder.WriteFile("my reviews.csv", Encoding.UTF8.GetBytes(SyntheticReviews.ToCsv(reviews)));

        var uploaded = await pipeline.UploadAsync(input);
        var first = await pipeline.WaitForOutputAsync(uploaded.Key, OutputTimeout);

        Assert.Equal("my reviews.csv", uploaded.Key);
        Assert.Equal($"s3://{pipeline.ResultsBucket}/my reviews_output.csv", first.Output.ToString());
        Assert.Equal(BatchJobState.Succeeded, first.Job.Status);
        var firstBytes = await ReadBytesAsync(pipeline, first.Output);
        var rows = CsvText.Parse(Encoding.UTF8.GetString(firstBytes));
        Assert.Equal(["sentiment", "review", "prediction", "probability", "error"], rows[0]);
        Assert.Equal(reviews.Count, rows.Count - 1);
        for (var i = 0; i < reviews.Count; i++)
        {
            var row = rows[i + 1];
            Assert.Equal(reviews[i].Text, row[1]);
            if (i == 57)
            {
                Assert.Equal(("", "", "line 59: the text is empty"), (row[2], row[3], row[4]));
            }
            else
            {
                Assert.Equal(reviews[i].Label, row[2]);
                Assert.InRange(double.Parse(row[3], CultureInfo.InvariantCulture), 0.5, 1.0);
                Assert.Equal("", row[4]);
            }
        }

        Assert.Equal((200, 200, 199, 1), (first.Manifest.RowsIn, first.Manifest.RowsOut, first.Manifest.RowsPredicted, first.Manifest.RowsRejected));
        Assert.Equal($"s3://{pipeline.PredictBucket}/my reviews.csv", first.Manifest.Input);
        Assert.Equal(model.ModelHash, first.Manifest.ModelHash);
        Assert.Equal(pipeline.ModelUri.ToString(), first.Manifest.BundleUri);

        await pipeline.UploadAsync(input);
        var second = await pipeline.WaitForOutputAsync("my reviews.csv", OutputTimeout);

        Assert.NotEqual(first.Job.JobId, second.Job.JobId);
        Assert.Equal(first.Job.JobName, second.Job.JobName);
        Assert.Equal(firstBytes, await ReadBytesAsync(pipeline, second.Output));
        Assert.Equal(["my reviews_output.csv", "my reviews_output.manifest.json"], await ListAsync(pipeline, pipeline.ResultsBucket));
        Assert.All(pipeline.Jobs.ListJobs(), job => Assert.Equal(BatchJobState.Succeeded, job.Status));
        Assert.Equal(2, pipeline.Jobs.ListJobs().Count);
    }

    [Fact]
    public async Task A_zip_bundle_and_a_key_in_a_folder_work_and_outputs_can_be_downloaded()
    {
        await using var pipeline = await StartAsync(model.ZipPath);
        var input = _folder.WriteFile("in.csv", Encoding.UTF8.GetBytes(SyntheticReviews.ToCsv(SyntheticReviews.Create(12, seed: 3))));

        await pipeline.UploadAsync(input, "claims/2026-05/été (1).csv");
        var output = await pipeline.WaitForOutputAsync("claims/2026-05/été (1).csv", OutputTimeout);
        var (outputPath, manifestPath) = await pipeline.DownloadOutputAsync(output, _folder.Combine("downloaded"));

        Assert.EndsWith("/model.zip", pipeline.ModelUri.Key, StringComparison.Ordinal);
        Assert.Equal("claims/2026-05/été (1)_output.csv", output.Output.Key);
        Assert.Equal(13, CsvText.Parse(await File.ReadAllTextAsync(outputPath)).Count);
        Assert.Equal(output.Manifest, BatchPredictionJobManifest.FromJson(await File.ReadAllTextAsync(manifestPath), manifestPath));
    }

    [Fact]
    public async Task Uploads_that_start_no_job_or_whose_job_fails_are_reported()
    {
        await using var pipeline = await StartAsync(model.BundlePath);
        var notes = _folder.WriteFile("notes.txt", "not a table"u8.ToArray());
        var wrong = _folder.WriteFile("wrong.csv", "id,comment\r\n1,fine\r\n"u8.ToArray());

        await pipeline.UploadAsync(notes);
        await pipeline.UploadAsync(wrong);
        var ignored = await Assert.ThrowsAsync<InvalidOperationException>(() => pipeline.WaitForOutputAsync("notes.txt", OutputTimeout));
        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => pipeline.WaitForOutputAsync("wrong.csv", OutputTimeout));

        Assert.Contains($"s3://{pipeline.PredictBucket}/notes.txt started no prediction job: not a .csv file", ignored.Message, StringComparison.Ordinal);
        Assert.Contains("failed: DataFormatException:", failed.Message, StringComparison.Ordinal);
        Assert.Contains("the header has no column 'review'", failed.Message, StringComparison.Ordinal);
        Assert.Empty(await ListAsync(pipeline, pipeline.ResultsBucket));
    }

    [Fact]
    public async Task A_throttled_submission_is_delivered_again_until_it_succeeds()
    {
        // Each delivery makes two attempts: the first two deliveries are throttled, the third submits.
        var endpoint = (LocalBatchEndpoint?)null;
        await using var pipeline = await StartAsync(model.BundlePath, jobs => endpoint = new LocalBatchEndpoint(jobs) { ThrottleFirst = 4 }, maxReceiveCount: 5);
        var input = _folder.WriteFile("busy.csv", Encoding.UTF8.GetBytes(SyntheticReviews.ToCsv(SyntheticReviews.Create(8, seed: 4))));

        await pipeline.UploadAsync(input);
        var output = await pipeline.WaitForOutputAsync("busy.csv", OutputTimeout);

        Assert.Equal(8, output.Manifest.RowsIn);
        Assert.Equal(5, endpoint!.SubmitCalls);
        Assert.Empty(pipeline.DeadLetters);
        Assert.Single(pipeline.Jobs.ListJobs());
    }

    [Fact]
    public async Task A_submission_that_keeps_failing_lands_in_the_dead_letter_queue_after_the_last_delivery()
    {
        var endpoint = (LocalBatchEndpoint?)null;
        await using var pipeline = await StartAsync(model.BundlePath, jobs => endpoint = new LocalBatchEndpoint(jobs) { ThrottleFirst = int.MaxValue }, maxReceiveCount: 3);
        var input = _folder.WriteFile("never.csv", Encoding.UTF8.GetBytes(SyntheticReviews.ToCsv(SyntheticReviews.Create(4, seed: 4))));

        await pipeline.UploadAsync(input, "in/never.csv");
        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => pipeline.WaitForOutputAsync("in/never.csv", OutputTimeout));

        var dead = Assert.Single(pipeline.DeadLetters);
        Assert.Equal(["in/never.csv"], dead.Keys);
        Assert.Equal(3, dead.ReceiveCount);
        Assert.Contains("\"key\":\"in/never.csv\"", dead.Body, StringComparison.Ordinal);
        Assert.Contains("moved to the dead-letter queue after 3 deliveries", failed.Message, StringComparison.Ordinal);
        Assert.Equal(6, endpoint!.SubmitCalls);
        Assert.Empty(pipeline.Jobs.ListJobs());
    }

    [ImdbTestDataFact]
    public async Task The_first_300_IMDB_test_reviews_are_classified()
    {
        // Never committed: the rows are copied from ../shared at test time. No review holds a line break (the data's README).
        var lines = File.ReadLines(ImdbTestDataFactAttribute.TestCsvPath).Take(2301).ToList();
        Assert.Equal("sentiment,review", lines[0]);
        var upload = _folder.WriteFile("imdb test 300.csv", Encoding.UTF8.GetBytes(string.Join("\r\n", lines.Take(301)) + "\r\n"));
        // A small model trained on 2,000 other test reviews: enough to beat chance, in seconds.
        var training = CsvText.Parse(string.Join("\r\n", lines.Skip(301)));
        var bundle = _folder.Combine("imdb-bundle");
        new TextClassifierTrainer(ImdbOptions()).Train(training.Select(r => r[1]).ToList(), training.Select(r => r[0]).ToList(), bundle);
        await using var pipeline = await StartAsync(bundle);

        await pipeline.UploadAsync(upload);
        var result = await pipeline.WaitForOutputAsync("imdb test 300.csv", OutputTimeout);

        var input = CsvText.Parse(await File.ReadAllTextAsync(upload));
        var rows = CsvText.Parse(Encoding.UTF8.GetString(await ReadBytesAsync(pipeline, result.Output)));
        Assert.Equal(301, rows.Count);
        Assert.Equal(["sentiment", "review", "prediction", "probability", "error"], rows[0]);
        Assert.Equal(input.Select(r => r[1]), rows.Select(r => r[1]));
        Assert.All(rows.Skip(1), row => Assert.Contains(row[2], new[] { "0", "1" }));
        Assert.All(rows.Skip(1), row => Assert.Equal("", row[4]));
        Assert.Equal((300, 300, 0), (result.Manifest.RowsIn, result.Manifest.RowsPredicted, result.Manifest.RowsRejected));
        var accuracy = rows.Skip(1).Count(row => row[0] == row[2]) / 300.0;
        output.WriteLine($"Accuracy on the first 300 IMDB test reviews: {accuracy:P1}; job {result.Job.StartedAt:O} to {result.Job.StoppedAt:O}");
        // Measured: 76.7 % (230 of 300) with these options and seed; the bar leaves about 14 reviews of margin for
        // another machine's floating point, and is far above the 50 % of a model that learned nothing.
        Assert.True(accuracy >= 0.72, $"accuracy {accuracy:P1} on the first 300 IMDB test reviews");
    }

    private async Task<LocalPipeline> StartAsync(string bundlePath, Func<LocalBatchJobs, LocalBatchEndpoint>? batchEndpoint = null, int maxReceiveCount = 5)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        return await LocalPipeline.StartAsync(new LocalPipelineOptions
        {
            // The Lambda handler submits through the real Batch JSON client to the local runner.
            HandlerBatchJobs = batchEndpoint is null ? null : jobs => new BatchJsonClient(
                GluonStyleText.Aws.Tests.Contracts.TestClients.Options(o => o.MaxAttempts = 2), new HttpClient(batchEndpoint(jobs))),
            MaxReceiveCount = maxReceiveCount,
            RedeliveryDelay = TimeSpan.FromMilliseconds(50),
            BundlePath = bundlePath,
            Server = s3.Server,
            PredictBucket = $"predict-{id}",
            ResultsBucket = $"results-{id}",
            ModelsBucket = $"models-{id}",
            WorkDirectory = _folder.Combine("work"),
            Threads = 1,
        });
    }


    private static GluonStyleText.Options.TextClassifierOptions ImdbOptions()
    {
        var options = TinyModelFixture.Options();
        options.VocabularySize = 5000;
        options.SequenceLength = 200;
        options.EmbeddingSize = 32;
        options.KernelSize = 5;
        options.BatchSize = 32;
        options.Epochs = 3;
        options.LearningRate = 0.005;
        options.TextColumn = "review";
        options.LabelColumn = "sentiment";
        return options;
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
