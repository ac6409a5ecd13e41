using System.Security.Cryptography;
using System.Text;
using PutObjectRequest = Amazon.S3.Model.PutObjectRequest;
using GluonStyleText.Aws.Storage;
using GluonStyleText.Aws.Tests.Fixtures;

namespace GluonStyleText.Aws.Tests.Storage;

[Collection(S3ServerCollection.Name)]
public sealed class S3FileStoreTests(S3ServerFixture fixture)
{
    private readonly S3FileStore _store = new(fixture.Client);

    [Fact]
    public async Task SmallFile_RoundTrips()
    {
        using var folder = new TempFolder();
        var bucket = await fixture.CreateBucketAsync();
        var content = Encoding.UTF8.GetBytes("sentiment,review\r\n1,\"great film\"\r\n");
        var source = folder.WriteFile("in.csv", content);

        var stored = await _store.UploadFileAsync(source, new S3Location(bucket, "batches/in.csv"));
        var target = folder.Combine("out", "in.csv");
        await _store.DownloadFileAsync(stored, target);

        Assert.Equal($"s3://{bucket}/batches/in.csv", stored.ToString());
        Assert.Equal(content, await File.ReadAllBytesAsync(target));
        Assert.Equal(["in.csv"], Directory.GetFiles(folder.Combine("out")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task UploadFile_ToPrefix_KeepsFileName()
    {
        using var folder = new TempFolder();
        var bucket = await fixture.CreateBucketAsync();
        var source = folder.WriteFile("model.zip", [1, 2, 3]);

        var stored = await _store.UploadFileAsync(source, S3Location.Parse($"s3://{bucket}/models/"));

        Assert.Equal(new S3Location(bucket, "models/model.zip"), stored);
        Assert.True(await _store.ExistsAsync(stored));
    }

    [Fact]
    public async Task LargeFile_UploadsInPartsAndDownloadsIdentical()
    {
        using var folder = new TempFolder();
        var bucket = await fixture.CreateBucketAsync();
        var content = RandomNumberGenerator.GetBytes(20 * 1024 * 1024);
        var source = folder.WriteFile("large.bin", content);
        var location = new S3Location(bucket, "large.bin");
        var uploaded = new MaxProgress();
        var downloaded = new MaxProgress();

        await _store.UploadFileAsync(source, location, uploaded);
        var target = folder.Combine("large.copy");
        await _store.DownloadFileAsync(location, target, downloaded);

        Assert.Equal(SHA256.HashData(content), SHA256.HashData(await File.ReadAllBytesAsync(target)));
        Assert.Equal(content.Length, uploaded.Max);
        Assert.Equal(content.Length, downloaded.Max);
        // The default 16 MiB threshold makes this a multipart upload, which S3 reports as such.
        var record = await fixture.WaitForEventAsync(r => EventBucket(r) == bucket);
        Assert.Equal("ObjectCreated:CompleteMultipartUpload", record.GetProperty("eventName").GetString());
        Assert.Equal(content.Length, record.GetProperty("s3").GetProperty("object").GetProperty("size").GetInt64());
    }

    [Theory]
    [InlineData("red flower.csv")]
    [InlineData("données/été 2024 (v2).csv")]
    [InlineData("日本語/レビュー.txt")]
    [InlineData("a+b=c&d.csv")]
    public async Task KeysWithSpacesAndUnicode_RoundTrip(string key)
    {
        using var folder = new TempFolder();
        var bucket = await fixture.CreateBucketAsync();
        var content = Encoding.UTF8.GetBytes(key);
        var source = folder.WriteFile("file", content);
        var location = new S3Location(bucket, key);

        await _store.UploadFileAsync(source, location);
        var listed = await _store.ListAsync(new S3Location(bucket, ""));
        await _store.DownloadFileAsync(location, folder.Combine("copy"));

        Assert.Equal([location], listed.Select(o => o.Location));
        Assert.Equal(content.Length, listed[0].Size);
        Assert.Equal(content, await File.ReadAllBytesAsync(folder.Combine("copy")));
    }

    [Fact]
    public async Task List_EmptyBucket_IsEmpty()
    {
        var bucket = await fixture.CreateBucketAsync();

        var listed = await _store.ListAsync(new S3Location(bucket, ""));

        Assert.Empty(listed);
        Assert.False(await _store.ExistsAsync(new S3Location(bucket, "")));
        Assert.False(await _store.ExistsAsync(new S3Location(bucket, "models/")));
    }

    [Fact]
    public async Task List_ManyObjects_ReadsEveryPage()
    {
        var bucket = await fixture.CreateBucketAsync();
        var keys = Enumerable.Range(0, 5).Select(i => $"k/{i}").ToList();
        foreach (var key in keys.Append("other"))
        {
            await fixture.Client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = "x" });
        }

        var listed = await new S3FileStore(fixture.Client) { ListPageSize = 2 }.ListAsync(new S3Location(bucket, "k/"));

        Assert.Equal(keys, listed.Select(o => o.Location.Key));
    }

    [Fact]
    public async Task Folder_RoundTrips_WithoutSiblingPrefixes()
    {
        using var folder = new TempFolder();
        var bucket = await fixture.CreateBucketAsync();
        var files = new Dictionary<string, byte[]>
        {
            ["model.params"] = RandomNumberGenerator.GetBytes(70_000),
            ["vocabulary.json"] = Encoding.UTF8.GetBytes("{\"the\":2}"),
            ["config/options.json"] = Encoding.UTF8.GetBytes("{}"),
        };
        foreach (var (path, content) in files)
        {
            folder.WriteFile(Path.Combine("bundle", path), content);
        }

        folder.WriteFile(Path.Combine("sibling", "other.txt"), [9]);
        await _store.UploadDirectoryAsync(folder.Combine("sibling"), new S3Location(bucket, "models/run10"));
        var uploaded = new MaxProgress();
        var uploadedCount = await _store.UploadDirectoryAsync(folder.Combine("bundle"), new S3Location(bucket, "models/run1"), uploaded);
        var downloaded = new MaxProgress();
        var downloadedCount = await _store.DownloadDirectoryAsync(new S3Location(bucket, "models/run1"), folder.Combine("copy"), downloaded);

        Assert.Equal(3, uploadedCount);
        Assert.Equal(3, downloadedCount);
        Assert.True(await _store.ExistsAsync(new S3Location(bucket, "models/run1/config/options.json")));
        Assert.True(await _store.ExistsAsync(new S3Location(bucket, "models/run1/")));
        var copied = Directory.GetFiles(folder.Combine("copy"), "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(folder.Combine("copy"), p).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal);
        Assert.Equal(files.Keys.Order(StringComparer.Ordinal), copied);
        foreach (var (path, content) in files)
        {
            Assert.Equal(content, await File.ReadAllBytesAsync(folder.Combine("copy", path)));
        }

        var totalBytes = files.Values.Sum(c => (long)c.Length);
        Assert.Equal(totalBytes, uploaded.Max);
        Assert.Equal(totalBytes, downloaded.Max);
    }

    [Fact]
    public async Task DownloadFolder_NoObjects_NamesThePrefix()
    {
        using var folder = new TempFolder();
        var bucket = await fixture.CreateBucketAsync();

        var error = await Assert.ThrowsAsync<DirectoryNotFoundException>(
            () => _store.DownloadDirectoryAsync(new S3Location(bucket, "models/none"), folder.Path));

        Assert.Contains($"s3://{bucket}/models/none/", error.Message);
    }

    [Fact]
    public async Task DownloadFile_MissingKey_NamesTheLocationAndKeepsTheLocalFile()
    {
        using var folder = new TempFolder();
        var bucket = await fixture.CreateBucketAsync();
        var target = folder.WriteFile("existing.csv", [1, 2, 3]);

        var error = await Assert.ThrowsAsync<FileNotFoundException>(
            () => _store.DownloadFileAsync(new S3Location(bucket, "batches/missing file.csv"), target));

        Assert.Contains($"s3://{bucket}/batches/missing file.csv", error.Message);
        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(target));
        Assert.Equal([target], Directory.GetFiles(folder.Path));
    }

    [Fact]
    public async Task DownloadFile_OfAPrefix_SaysToDownloadTheFolder()
    {
        using var folder = new TempFolder();

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => _store.DownloadFileAsync(S3Location.Parse("s3://some-bucket/models/"), folder.Combine("model")));

        Assert.Contains("Cannot download s3://some-bucket/models/ to a file", error.Message);
        Assert.Contains("DownloadDirectoryAsync", error.Message);
    }

    [Fact]
    public async Task MissingBucket_IsNamed()
    {
        using var folder = new TempFolder();
        var source = folder.WriteFile("in.csv", [1]);
        var location = new S3Location("no-such-bucket-here", "in.csv");

        var upload = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => _store.UploadFileAsync(source, location));
        var download = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => _store.DownloadFileAsync(location, folder.Combine("out")));
        var list = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => _store.ListAsync(location));

        Assert.All<Exception>([upload, download, list], e => Assert.Contains("bucket 'no-such-bucket-here' does not exist", e.Message));
        Assert.False(await _store.ExistsAsync(location));
        Assert.False(await _store.ExistsAsync(new S3Location("no-such-bucket-here", "")));
    }

    [Fact]
    public async Task Exists_TellsObjectsApart()
    {
        var bucket = await fixture.CreateBucketAsync();
        await fixture.Client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "a.csv", ContentBody = "x" });

        Assert.True(await _store.ExistsAsync(new S3Location(bucket, "a.csv")));
        Assert.False(await _store.ExistsAsync(new S3Location(bucket, "b.csv")));
        Assert.False(await _store.ExistsAsync(new S3Location(bucket, "a.cs")));
    }

    [Fact]
    public async Task UploadFile_MissingLocalFile_NamesIt()
    {
        using var folder = new TempFolder();
        var missing = folder.Combine("missing.csv");

        var error = await Assert.ThrowsAsync<FileNotFoundException>(
            () => _store.UploadFileAsync(missing, new S3Location("some-bucket", "x.csv")));

        Assert.Contains(missing, error.Message);
        Assert.Contains("s3://some-bucket/x.csv", error.Message);
    }

    [Fact]
    public void Options_OutOfRange_AreRejected()
    {
        var error = Assert.Throws<System.ComponentModel.DataAnnotations.ValidationException>(
            () => new S3FileStore(fixture.Client, new S3FileStoreOptions { PartSize = 1024 }));

        Assert.Contains("S3FileStoreOptions.PartSize", error.Message);
    }

    private static string? EventBucket(System.Text.Json.JsonElement record) =>
        record.GetProperty("s3").GetProperty("bucket").GetProperty("name").GetString();

    // Synchronous, and keeps the largest value: reports may come from parallel part uploads.
    private sealed class MaxProgress : IProgress<long>
    {
        private long _max;

        public long Max => Interlocked.Read(ref _max);

        public void Report(long value)
        {
            long current;
            while (value > (current = Interlocked.Read(ref _max)) && Interlocked.CompareExchange(ref _max, value, current) != current)
            {
            }
        }
    }
}
