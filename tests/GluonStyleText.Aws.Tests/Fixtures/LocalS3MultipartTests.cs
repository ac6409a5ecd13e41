using Amazon.S3;
using Amazon.S3.Model;

namespace GluonStyleText.Aws.Tests.Fixtures;

// The local S3 server's multipart rules, which s3rver 3.7.1 lacks and the sharded assembler relies on.
[Collection(S3ServerCollection.Name)]
public sealed class LocalS3MultipartTests(S3ServerFixture s3)
{
    [Fact]
    public async Task A_part_under_5_MiB_but_the_last_is_refused_and_an_aborted_upload_is_no_longer_listed()
    {
        using var client = s3.Server.CreateClient();
        var bucket = "mp-" + Guid.NewGuid().ToString("N")[..12];
        await client.PutBucketAsync(bucket);
        var upload = await client.InitiateMultipartUploadAsync(bucket, "out.csv");
        var parts = new List<PartETag>();
        foreach (var number in new[] { 1, 3 })
        {
            var answer = await client.UploadPartAsync(new UploadPartRequest { BucketName = bucket, Key = "out.csv", UploadId = upload.UploadId, PartNumber = number, InputStream = new MemoryStream(new byte[10]) });
            parts.Add(new PartETag(number, answer.ETag));
        }

        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => client.CompleteMultipartUploadAsync(
            new CompleteMultipartUploadRequest { BucketName = bucket, Key = "out.csv", UploadId = upload.UploadId, PartETags = parts }));
        Assert.Equal("EntityTooSmall", error.ErrorCode);
        Assert.Single((await client.ListMultipartUploadsAsync(bucket)).MultipartUploads);

        await client.AbortMultipartUploadAsync(bucket, "out.csv", upload.UploadId);

        Assert.Empty((await client.ListMultipartUploadsAsync(bucket)).MultipartUploads ?? []);
        var missing = await Assert.ThrowsAsync<AmazonS3Exception>(() => client.GetObjectMetadataAsync(bucket, "out.csv"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Non_consecutive_part_numbers_complete_in_order_when_only_the_last_is_small()
    {
        using var client = s3.Server.CreateClient();
        var bucket = "mp-" + Guid.NewGuid().ToString("N")[..12];
        await client.PutBucketAsync(bucket);
        var upload = await client.InitiateMultipartUploadAsync(bucket, "out.csv");
        var big = new byte[5 << 20];
        big[0] = (byte)'a';
        var first = await client.UploadPartAsync(new UploadPartRequest { BucketName = bucket, Key = "out.csv", UploadId = upload.UploadId, PartNumber = 2, InputStream = new MemoryStream(big) });
        var last = await client.UploadPartAsync(new UploadPartRequest { BucketName = bucket, Key = "out.csv", UploadId = upload.UploadId, PartNumber = 7, InputStream = new MemoryStream("zz"u8.ToArray()) });

        await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket, Key = "out.csv", UploadId = upload.UploadId, PartETags = [new PartETag(2, first.ETag), new PartETag(7, last.ETag)],
        });

        var metadata = await client.GetObjectMetadataAsync(bucket, "out.csv");
        Assert.Equal(big.Length + 2, metadata.ContentLength);
    }
}
