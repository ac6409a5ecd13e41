using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using GluonStyleText.Aws.Batch;
using GluonStyleText.Aws.Host.Batch;
using GluonStyleText.Aws.Storage;
using GluonStyleText.Aws.Tests.Fixtures;
using GluonStyleText.Aws.Tests.Pipeline;
using GluonStyleText.Data;
using GluonStyleText.Training;
using PutObjectRequest = Amazon.S3.Model.PutObjectRequest;

namespace GluonStyleText.Aws.Tests.Jobs;

[Collection(S3ServerCollection.Name)]
public sealed class BatchPredictionJobTests(S3ServerFixture s3, TinyModelFixture model) : IClassFixture<TinyModelFixture>, IDisposable
{
    private readonly TempFolder _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task Classifies_every_row_and_writes_the_output_then_its_manifest()
    {
        var (options, reviews) = await PrepareAsync("incoming/my reviews.csv", rows: 60, emptyTextAt: 10);
        var stages = new List<BatchPredictionJobStage>();

        var result = await BatchPredictionJob.RunAsync(options, s3.Client, progress: new SynchronousProgress<BatchPredictionJobProgress>(p => stages.Add(p.Stage)));

        Assert.False(result.Reused);
        Assert.Equal($"s3://{options.ResultsBucket}/incoming/my reviews_output.csv", result.Output.ToString());
        Assert.Equal($"s3://{options.ResultsBucket}/incoming/my reviews_output.manifest.json", result.ManifestLocation.ToString());
        var rows = CsvText.Parse(await ReadTextAsync(result.Output));
        Assert.Equal(["sentiment", "review", "prediction", "probability", "error"], rows[0]);
        Assert.Equal(reviews.Count + 1, rows.Count);
        for (var i = 0; i < reviews.Count; i++)
        {
            var row = rows[i + 1];
            Assert.Equal(reviews[i].Text, row[1]);
            if (i == 10)
            {
                Assert.Equal(["", ""], row[2..4]);
                Assert.Equal("line 12: the text is empty", row[4]);
            }
            else
            {
                Assert.Equal(reviews[i].Label, row[2]);
                Assert.InRange(double.Parse(row[3], CultureInfo.InvariantCulture), 0.5, 1.0);
                Assert.Equal("", row[4]);
            }
        }

        var manifest = BatchPredictionJobManifest.FromJson(await ReadTextAsync(result.ManifestLocation), "manifest");
        Assert.Equal(result.Manifest, manifest);
        Assert.Equal($"s3://{options.Bucket}/incoming/my reviews.csv", manifest.Input);
        Assert.Equal(await ETagAsync(new S3Location(options.Bucket, options.Key)), manifest.InputETag);
        Assert.Equal(result.Output.ToString(), manifest.Output);
        Assert.Equal((60, 60, 59, 1), (manifest.RowsIn, manifest.RowsOut, manifest.RowsPredicted, manifest.RowsRejected));
        Assert.Equal(model.ModelHash, manifest.ModelHash);
        Assert.Equal(options.ModelUri, manifest.BundleUri);
        Assert.Equal("review", manifest.TextColumn);
        Assert.Equal(1, manifest.Threads);
        Assert.NotEmpty(manifest.LibraryVersion);
        Assert.InRange(manifest.FinishedUtc, manifest.StartedUtc, DateTimeOffset.UtcNow);
        Assert.Equal(
            [BatchPredictionJobStage.LoadingModel, BatchPredictionJobStage.DownloadingInput, BatchPredictionJobStage.Predicting, BatchPredictionJobStage.Uploading, BatchPredictionJobStage.Done],
            stages.Distinct());
        Assert.Empty(Directory.GetDirectories(Path.Combine(_work.Path, "jobs")));
    }

    [Fact]
    public async Task A_job_for_one_upload_classifies_that_object_and_refuses_a_newer_one_at_the_key()
    {
        var (options, _) = await PrepareAsync("replaced.csv", rows: 10, emptyTextAt: null);
        var uploaded = await ETagAsync(new S3Location(options.Bucket, options.Key));
        options.InputETag = uploaded;

        var result = await BatchPredictionJob.RunAsync(options, s3.Client);
        await s3.Client.PutObjectAsync(new PutObjectRequest { BucketName = options.Bucket, Key = options.Key, ContentBody = "sentiment,review\r\n1,another file\r\n" });
        var refused = await Assert.ThrowsAsync<S3ObjectChangedException>(() => BatchPredictionJob.RunAsync(options, s3.Client));
        options.InputETag = BatchPredictionJobOptions.AnyETag;
        var any = await BatchPredictionJob.RunAsync(options, s3.Client);

        Assert.Equal(uploaded, result.Manifest.InputETag);
        Assert.Contains($"s3://{options.Bucket}/replaced.csv no longer holds the object with ETag {uploaded}", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, any.Manifest.RowsIn);
        Assert.NotEqual(uploaded, any.Manifest.InputETag);
    }

    [Fact]
    public async Task Running_again_writes_byte_identical_output()
    {
        var (options, _) = await PrepareAsync("again.csv", rows: 40, emptyTextAt: null);
        options.ReuseCompleteOutput = false;

        var first = await BatchPredictionJob.RunAsync(options, s3.Client);
        var firstBytes = await ReadBytesAsync(first.Output);
        var second = await BatchPredictionJob.RunAsync(options, s3.Client);

        Assert.False(second.Reused);
        Assert.Equal(firstBytes, await ReadBytesAsync(second.Output));
        Assert.Equal(["again_output.csv", "again_output.manifest.json"], await ListResultsAsync(options));
    }

    [Fact]
    public async Task A_duplicate_job_keeps_the_complete_output_and_a_changed_input_is_classified_again()
    {
        var (options, _) = await PrepareAsync("dup.csv", rows: 20, emptyTextAt: null);
        var first = await BatchPredictionJob.RunAsync(options, s3.Client);

        var duplicate = await BatchPredictionJob.RunAsync(options, s3.Client);
        await PutTextAsync(new S3Location(options.Bucket, options.Key), SyntheticReviews.ToCsv(SyntheticReviews.Create(25, seed: 5)));
        var changed = await BatchPredictionJob.RunAsync(options, s3.Client);

        Assert.True(duplicate.Reused);
        Assert.Equal(first.Manifest, duplicate.Manifest);
        Assert.False(changed.Reused);
        Assert.Equal(25, changed.Manifest.RowsIn);
        Assert.NotEqual(first.Manifest.InputETag, changed.Manifest.InputETag);
    }

    [Fact]
    public async Task A_zip_bundle_is_downloaded_once_into_the_cache()
    {
        var (options, _) = await PrepareAsync("zipped.csv", rows: 10, emptyTextAt: null);
        var zip = await new S3FileStore(s3.Client).UploadFileAsync(model.ZipPath, S3Location.Parse(options.ModelUri).Append("archive/"));
        options.ModelUri = zip.ToString();
        options.ReuseCompleteOutput = false;

        var first = await BatchPredictionJob.RunAsync(options, s3.Client);
        await BatchPredictionJob.RunAsync(options, s3.Client);

        Assert.Equal(model.ModelHash, first.Manifest.ModelHash);
        Assert.Equal(zip.ToString(), first.Manifest.BundleUri);
        Assert.Single(Directory.GetFiles(Path.Combine(_work.Path, "models"), "*.zip"));
        Assert.Empty(Directory.GetDirectories(Path.Combine(_work.Path, "models")));
    }

    [Theory]
    [InlineData("sagemaker/job-1/output/model.tar.gz")]
    [InlineData("sagemaker/job-1/output/")]
    public async Task SageMakers_model_tar_gz_is_the_model_as_it_is_named_by_its_key_or_its_output_prefix(string modelKey)
    {
        var (options, _) = await PrepareAsync("sagemaker.csv", rows: 10, emptyTextAt: null);
        var models = S3Location.Parse(options.ModelUri).Bucket;
        var archive = Path.Combine(_work.Path, "model.tar.gz");
        using (var file = File.Create(archive))
        using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
        {
            TarFile.CreateFromDirectory(model.BundlePath, gzip, includeBaseDirectory: false);
        }

        var store = new S3FileStore(s3.Client);
        await store.UploadFileAsync(archive, new S3Location(models, "sagemaker/job-1/output/"));
        await PutTextAsync(new S3Location(models, "sagemaker/job-1/output/output.tar.gz"), "not the model");
        options.ModelUri = new S3Location(models, modelKey).ToString();
        options.ReuseCompleteOutput = false;

        var first = await BatchPredictionJob.RunAsync(options, s3.Client);
        await BatchPredictionJob.RunAsync(options, s3.Client);

        Assert.Equal(model.ModelHash, first.Manifest.ModelHash);
        Assert.Equal(10, first.Manifest.RowsPredicted);
        Assert.Single(Directory.GetFiles(Path.Combine(_work.Path, "models"), "*.tar.gz"));
    }

    [Fact]
    public async Task A_bundle_folder_is_cached_by_its_manifest_and_a_damaged_copy_is_replaced()
    {
        var (options, _) = await PrepareAsync("cached.csv", rows: 10, emptyTextAt: null);
        options.ReuseCompleteOutput = false;
        await BatchPredictionJob.RunAsync(options, s3.Client);
        var cached = Assert.Single(Directory.GetDirectories(Path.Combine(_work.Path, "models")));
        await File.WriteAllTextAsync(Path.Combine(cached, "labels.json"), "damaged");

        var result = await BatchPredictionJob.RunAsync(options, s3.Client);

        Assert.Equal(10, result.Manifest.RowsPredicted);
        Assert.Equal(cached, Assert.Single(Directory.GetDirectories(Path.Combine(_work.Path, "models"))));
        Assert.NotEqual("damaged", await File.ReadAllTextAsync(Path.Combine(cached, "labels.json")));
    }

    [Fact]
    public async Task A_job_stopped_while_predicting_leaves_nothing_in_the_results_bucket()
    {
        var (options, _) = await PrepareAsync("stopped.csv", rows: 50, emptyTextAt: null);
        options.BatchSize = 8;
        using var stop = new CancellationTokenSource();
        var progress = new SynchronousProgress<BatchPredictionJobProgress>(p =>
        {
            if (p.Stage == BatchPredictionJobStage.Predicting && p.RowsDone > 0)
            {
                stop.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => BatchPredictionJob.RunAsync(options, s3.Client, progress: progress, cancellationToken: stop.Token));

        Assert.Empty(await ListResultsAsync(options));
        Assert.Empty(Directory.GetDirectories(Path.Combine(_work.Path, "jobs")));
    }

    [Fact]
    public async Task An_input_without_the_text_column_fails_naming_the_column_and_writes_nothing()
    {
        var (options, _) = await PrepareAsync("wrong.csv", rows: 3, emptyTextAt: null);
        await PutTextAsync(new S3Location(options.Bucket, options.Key), "id,comment\r\n1,fine\r\n");

        var error = await Assert.ThrowsAsync<DataFormatException>(() => BatchPredictionJob.RunAsync(options, s3.Client));

        Assert.Contains("wrong.csv line 1, column 'review': the header has no column 'review'", error.Message, StringComparison.Ordinal);
        Assert.Empty(await ListResultsAsync(options));
    }

    [Fact]
    public async Task A_missing_input_or_model_is_named_in_the_error()
    {
        var (options, _) = await PrepareAsync("present.csv", rows: 3, emptyTextAt: null);
        options.Key = "absent.csv";
        var noInput = await Assert.ThrowsAsync<FileNotFoundException>(() => BatchPredictionJob.RunAsync(options, s3.Client));
        options.Key = "present.csv";
        options.ModelUri = $"s3://{S3Location.Parse(options.ModelUri).Bucket}/nothing-here/";
        var noModel = await Assert.ThrowsAsync<FileNotFoundException>(() => BatchPredictionJob.RunAsync(options, s3.Client));

        Assert.Contains($"s3://{options.Bucket}/absent.csv: no such object", noInput.Message, StringComparison.Ordinal);
        Assert.Contains("nothing-here/ is not a model bundle: it has no bundle.json and no model.tar.gz", noModel.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_BiLstm_bundle_predicts_each_row_independently_of_the_batch_it_is_in()
    {
        // The seed's LSTM prediction carried the hidden state from batch to batch (and crashed first, on an undefined name).
        var bundle = _work.Combine("bilstm");
        var options = TinyModelFixture.Options();
        options.Cnn = false;
        var training = SyntheticReviews.Create(300, seed: 12);
        new TextClassifierTrainer(options).Train(training.Select(r => r.Text).ToList(), training.Select(r => r.Label).ToList(), bundle);
        var (job, _) = await PrepareAsync("lstm.csv", rows: 45, emptyTextAt: 3, bundle);
        job.ReuseCompleteOutput = false;

        job.BatchSize = 7;
        var small = CsvText.Parse(await ReadTextAsync((await BatchPredictionJob.RunAsync(job, s3.Client)).Output));
        job.BatchSize = 256;
        var large = CsvText.Parse(await ReadTextAsync((await BatchPredictionJob.RunAsync(job, s3.Client)).Output));

        Assert.Equal(46, small.Count);
        Assert.Equal(small.Select(row => (row[0], row[1], row[2], row[4])), large.Select(row => (row[0], row[1], row[2], row[4])));
        for (var i = 1; i < small.Count; i++)
        {
            if (i != 4)
            {
                Assert.Equal(double.Parse(small[i][3], CultureInfo.InvariantCulture), double.Parse(large[i][3], CultureInfo.InvariantCulture), 1e-5);
            }
        }

        Assert.True(small.Skip(1).Count(row => row[0] == row[2]) >= 40, "the BiLSTM learned the toy reviews");
    }

    private async Task<(BatchPredictionJobOptions Options, List<(string Label, string Text)> Reviews)> PrepareAsync(string key, int rows, int? emptyTextAt, string? bundlePath = null)
    {
        var predict = await s3.CreateBucketAsync();
        var results = await s3.CreateBucketAsync();
        var models = await s3.CreateBucketAsync();
        var modelUri = new S3Location(models, "bundles/current/");
        await new S3FileStore(s3.Client).UploadDirectoryAsync(bundlePath ?? model.BundlePath, modelUri);
        var reviews = SyntheticReviews.Create(rows, seed: 21);
        if (emptyTextAt is { } empty)
        {
            reviews[empty] = (reviews[empty].Label, "");
        }

        await PutTextAsync(new S3Location(predict, key), SyntheticReviews.ToCsv(reviews));
        var options = new BatchPredictionJobOptions
        {
            Bucket = predict,
            Key = key,
            ModelUri = modelUri.ToString(),
            ResultsBucket = results,
            WorkDirectory = _work.Path,
            Threads = 1,
        };
        return (options, reviews);
    }

    private Task PutTextAsync(S3Location location, string text) =>
        s3.Client.PutObjectAsync(new PutObjectRequest { BucketName = location.Bucket, Key = location.Key, ContentBody = text });

    private async Task<byte[]> ReadBytesAsync(S3Location location)
    {
        using var response = await s3.Client.GetObjectAsync(location.Bucket, location.Key);
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private async Task<string> ReadTextAsync(S3Location location) => Encoding.UTF8.GetString(await ReadBytesAsync(location));

    private async Task<string> ETagAsync(S3Location location) =>
        (await s3.Client.GetObjectMetadataAsync(location.Bucket, location.Key)).ETag.Trim('"');

    private async Task<List<string>> ListResultsAsync(BatchPredictionJobOptions options) =>
        (await new S3FileStore(s3.Client).ListAsync(new S3Location(options.ResultsBucket, ""))).Select(o => o.Location.Key).ToList();
}
