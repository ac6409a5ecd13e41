using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GluonStyleText.Aws.Tests.Fixtures;

// The local server must store what the client meant, whichever aws-chunked framing it used;
// AWSSDK.S3 itself sends only the signed-with-trailer form over HTTP.
[Collection(S3ServerCollection.Name)]
public sealed class AwsChunkedDecodingTests(S3ServerFixture fixture)
{
    private const string FakeSignature = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static readonly HttpClient Http = new();

    [Theory]
    [InlineData("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "aws-chunked", null)]
    [InlineData("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", "aws-chunked", null)]
    [InlineData("STREAMING-UNSIGNED-PAYLOAD-TRAILER", "aws-chunked", null)]
    [InlineData("STREAMING-UNSIGNED-PAYLOAD-TRAILER", "gzip,aws-chunked", "gzip")]
    public async Task Upload_StoresTheDecodedBody(string payloadHash, string contentEncoding, string? storedEncoding)
    {
        var bucket = await fixture.CreateBucketAsync();
        var content = RandomNumberGenerator.GetBytes(150_000);
        var signed = payloadHash.Contains("HMAC", StringComparison.Ordinal);
        var trailer = payloadHash.EndsWith("TRAILER", StringComparison.Ordinal);
        var framed = Frame(content, chunkSize: 65_536, signed, trailer);

        using var response = await SendFramedAsync(bucket, "framed.bin", framed, payloadHash, contentEncoding, content.Length);
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var metadata = await fixture.Client.GetObjectMetadataAsync(bucket, "framed.bin");
        using var stored = await fixture.Client.GetObjectAsync(bucket, "framed.bin");
        using var copy = new MemoryStream();
        await stored.ResponseStream.CopyToAsync(copy);

        Assert.Equal(content, copy.ToArray());
        Assert.Equal(storedEncoding, metadata.Headers.ContentEncoding);
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(content)), metadata.ETag.Trim('"'));
    }

    [Fact]
    public async Task Upload_MalformedFraming_IsRejectedNotStored()
    {
        var bucket = await fixture.CreateBucketAsync();
        var framed = Encoding.ASCII.GetBytes("5\r\nhelloXX0\r\n\r\n"); // chunk data not followed by CRLF

        using var response = await SendFramedAsync(bucket, "bad.bin", framed, "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "aws-chunked", decodedLength: 5);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<Code>IncompleteBody</Code>", body);
        Assert.Contains("chunk data is not followed by CRLF", body);
        var lookup = await Assert.ThrowsAsync<Amazon.S3.AmazonS3Exception>(() => fixture.Client.GetObjectMetadataAsync(bucket, "bad.bin"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, lookup.StatusCode);
    }

    private async Task<HttpResponseMessage> SendFramedAsync(
        string bucket, string key, byte[] framed, string payloadHash, string contentEncoding, int decodedLength)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"{fixture.Server.ServiceUrl}/{bucket}/{key}")
        {
            Content = new ByteArrayContent(framed),
        };
        request.Headers.TryAddWithoutValidation(
            "Authorization", $"AWS4-HMAC-SHA256 Credential=S3RVER/20240101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature={FakeSignature}");
        request.Headers.Add("x-amz-date", DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        request.Headers.Add("x-amz-content-sha256", payloadHash);
        request.Headers.Add("x-amz-decoded-content-length", decodedLength.ToString(CultureInfo.InvariantCulture));
        if (payloadHash.EndsWith("TRAILER", StringComparison.Ordinal))
        {
            request.Headers.Add("x-amz-trailer", "x-amz-checksum-crc32");
        }

        request.Content.Headers.TryAddWithoutValidation("Content-Encoding", contentEncoding);
        return await Http.SendAsync(request);
    }

    // https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html and sigv4-streaming-trailers.html
    private static byte[] Frame(byte[] content, int chunkSize, bool signed, bool trailer)
    {
        using var body = new MemoryStream();
        void Write(string text) => body.Write(Encoding.ASCII.GetBytes(text));
        string Header(int size) => size.ToString("x", CultureInfo.InvariantCulture) + (signed ? $";chunk-signature={FakeSignature}" : "") + "\r\n";

        for (var offset = 0; offset < content.Length; offset += chunkSize)
        {
            var size = Math.Min(chunkSize, content.Length - offset);
            Write(Header(size));
            body.Write(content, offset, size);
            Write("\r\n");
        }

        Write(Header(0));
        if (trailer)
        {
            Write("x-amz-checksum-crc32:AAAAAA==\r\n");
            if (signed)
            {
                Write($"x-amz-trailer-signature:{FakeSignature}\r\n");
            }
        }

        Write("\r\n");
        return body.ToArray();
    }
}
