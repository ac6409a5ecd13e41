using System.Text;
using Amazon.Runtime;
using GluonStyleText.Aws.Signing;

namespace GluonStyleText.Aws.Tests.Signing;

public sealed class SigV4SignerTests
{
    private static readonly DateTime SignedAt = new(2024, 6, 1, 10, 0, 0, DateTimeKind.Utc);

    private static SigV4Request Request(string path = "/v1/submitjob", string endpoint = "https://batch.eu-west-1.amazonaws.com") =>
        new("POST", new Uri(endpoint), path, [], [new("content-type", "application/json"), new("Content-Length", "2")], Encoding.UTF8.GetBytes("{}"));

    [Fact]
    public void Session_credentials_add_a_signed_security_token_header()
    {
        var signature = SigV4Signer.Sign(Request(), new ImmutableCredentials("ASIAEXAMPLE", "secret", "the-session-token"), "eu-west-1", "batch", SignedAt);

        Assert.Equal("the-session-token", signature.SignedHeaders["x-amz-security-token"]);
        Assert.Contains("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token,", signature.Authorization, StringComparison.Ordinal);
        Assert.Contains("x-amz-security-token:the-session-token\n", signature.CanonicalRequest, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_term_credentials_add_no_security_token_header()
    {
        var signature = SigV4Signer.Sign(Request(), new ImmutableCredentials("AKIDEXAMPLE", "secret", null), "eu-west-1", "batch", SignedAt);

        Assert.False(signature.SignedHeaders.ContainsKey("x-amz-security-token"));
        Assert.Contains("SignedHeaders=content-type;host;x-amz-date,", signature.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public void Adds_host_and_date_and_never_signs_content_length()
    {
        var signature = SigV4Signer.Sign(Request(endpoint: "http://127.0.0.1:8123/ignored/path"), new ImmutableCredentials("AKIDEXAMPLE", "secret", null), "eu-west-1", "batch", SignedAt);

        Assert.Equal("127.0.0.1:8123", signature.SignedHeaders["host"]);
        Assert.Equal("20240601T100000Z", signature.SignedHeaders["x-amz-date"]);
        Assert.DoesNotContain("content-length", signature.CanonicalRequest, StringComparison.Ordinal);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240601/eu-west-1/batch/aws4_request, ", signature.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public void Encodes_the_path_twice_for_services_other_than_s3()
    {
        var credentials = new ImmutableCredentials("AKIDEXAMPLE", "secret", null);

        var twice = SigV4Signer.Sign(Request("/a b/ሴ"), credentials, "eu-west-1", "batch", SignedAt);
        var once = SigV4Signer.Sign(Request("/a b/ሴ") with { EncodePathTwice = false }, credentials, "eu-west-1", "batch", SignedAt);

        Assert.Equal("/a%2520b/%25E1%2588%25B4", twice.CanonicalRequest.Split('\n')[1]);
        Assert.Equal("/a%20b/%E1%88%B4", once.CanonicalRequest.Split('\n')[1]);
    }

    [Fact]
    public void The_body_hash_ends_the_canonical_request_and_changes_the_signature()
    {
        var credentials = new ImmutableCredentials("AKIDEXAMPLE", "secret", null);

        var empty = SigV4Signer.Sign(Request() with { Body = Array.Empty<byte>() }, credentials, "eu-west-1", "batch", SignedAt);
        var braces = SigV4Signer.Sign(Request(), credentials, "eu-west-1", "batch", SignedAt);

        Assert.EndsWith("\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", empty.CanonicalRequest, StringComparison.Ordinal);
        Assert.EndsWith("\n44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", braces.CanonicalRequest, StringComparison.Ordinal);
        Assert.NotEqual(empty.Authorization, braces.Authorization);
    }
}
