using GluonStyleText.Aws.Storage;

namespace GluonStyleText.Aws.Tests.Storage;

public sealed class S3LocationTests
{
    [Theory]
    [InlineData("s3://claims/models/run1/model.zip", "claims", "models/run1/model.zip")]
    [InlineData("s3://claims/red flower.csv", "claims", "red flower.csv")]
    [InlineData("S3://claims/a%20b", "claims", "a%20b")]
    [InlineData("s3://claims/", "claims", "")]
    [InlineData("s3://claims", "claims", "")]
    [InlineData("s3://my.bucket-1/k", "my.bucket-1", "k")]
    public void Parse_SplitsBucketAndKeyVerbatim(string text, string bucket, string key)
    {
        var location = S3Location.Parse(text);

        Assert.Equal(bucket, location.Bucket);
        Assert.Equal(key, location.Key);
        Assert.Equal($"s3://{bucket}/{key}", location.ToString());
        Assert.Equal(location, S3Location.Parse(location.ToString()));
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("claims/key", "expected s3://bucket/key")]
    [InlineData("https://claims.s3.amazonaws.com/key", "expected s3://bucket/key")]
    [InlineData("s3:///key", "the bucket name is missing")]
    [InlineData("s3://Claims/key", "bucket name 'Claims' may contain only lowercase letters, digits, dots and hyphens (found 'C')")]
    [InlineData("s3://my_bucket/key", "found '_'")]
    [InlineData("s3://ab/key", "bucket name 'ab' must be 3 to 63 characters long")]
    [InlineData("s3://-claims/key", "must begin and end with a letter or digit")]
    [InlineData("s3://cla..ims/key", "must not contain '..'")]
    public void Parse_Invalid_SaysWhy(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => S3Location.Parse(text));

        Assert.Contains($"'{text}' is not an S3 location", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.False(S3Location.TryParse(text, out _));
    }

    [Fact]
    public void Parse_KeyLongerThanS3Allows_IsRejected()
    {
        var error = Assert.Throws<FormatException>(() => S3Location.Parse("s3://claims/" + new string('é', 513)));

        Assert.Contains("key is longer than S3's 1024 UTF-8 bytes", error.Message);
    }

    [Fact]
    public void Constructor_InvalidBucket_NamesTheLocation()
    {
        var error = Assert.Throws<ArgumentException>(() => new S3Location("Bad_Bucket", "k.csv"));

        Assert.Contains("s3://Bad_Bucket/k.csv", error.Message);
        Assert.Equal("bucket", error.ParamName);
    }

    [Theory]
    [InlineData("s3://b1b/models", "run1/a.json", "s3://b1b/models/run1/a.json")]
    [InlineData("s3://b1b/models/", "/run1/a.json", "s3://b1b/models/run1/a.json")]
    [InlineData("s3://b1b", "a.json", "s3://b1b/a.json")]
    public void Append_JoinsWithOneSlash(string location, string relative, string expected) =>
        Assert.Equal(expected, S3Location.Parse(location).Append(relative).ToString());

    [Fact]
    public void AsPrefix_AddsTrailingSlashOnce()
    {
        Assert.Equal("models/run1/", S3Location.Parse("s3://b1b/models/run1").AsPrefix().Key);
        Assert.Equal("models/run1/", S3Location.Parse("s3://b1b/models/run1/").AsPrefix().Key);
        Assert.Equal("", S3Location.Parse("s3://b1b").AsPrefix().Key);
        Assert.Equal("model.zip", S3Location.Parse("s3://b1b/models/model.zip").Name);
    }
}
