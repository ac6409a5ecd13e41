using System.Security.Cryptography;
using System.Text;
using Amazon.S3.Model;
using GluonStyleText.Aws.Tests.Fixtures;

namespace GluonStyleText.Aws.Tests.Storage;

// The local server's object-created events must look exactly like what S3 hands a Lambda function.
[Collection(S3ServerCollection.Name)]
public sealed class S3EventTests(S3ServerFixture fixture)
{
    [Theory]
    [InlineData("red flower.csv", "red+flower.csv")]
    [InlineData("incoming/claims (2024)/été.csv", "incoming/claims+%282024%29/%C3%A9t%C3%A9.csv")]
    [InlineData("a+b=c.csv", "a%2Bb%3Dc.csv")]
    public async Task ObjectCreated_HasFormEncodedKeySizeAndETag(string key, string eventKey)
    {
        var bucket = await fixture.CreateBucketAsync();
        var content = Encoding.UTF8.GetBytes("sentiment,review\n1,fine\n");

        await fixture.Client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            InputStream = new MemoryStream(content),
        });
        var record = await fixture.WaitForEventAsync(r => r.GetProperty("s3").GetProperty("bucket").GetProperty("name").GetString() == bucket);

        Assert.Equal("2.1", record.GetProperty("eventVersion").GetString());
        Assert.Equal("aws:s3", record.GetProperty("eventSource").GetString());
        Assert.Equal("us-east-1", record.GetProperty("awsRegion").GetString());
        Assert.Equal("ObjectCreated:Put", record.GetProperty("eventName").GetString());
        Assert.True(DateTimeOffset.TryParse(record.GetProperty("eventTime").GetString(), out _));
        var s3 = record.GetProperty("s3");
        Assert.Equal($"arn:aws:s3:::{bucket}", s3.GetProperty("bucket").GetProperty("arn").GetString());
        var s3Object = s3.GetProperty("object");
        Assert.Equal(eventKey, s3Object.GetProperty("key").GetString());
        Assert.Equal(content.Length, s3Object.GetProperty("size").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(content)), s3Object.GetProperty("eTag").GetString());
    }
}
