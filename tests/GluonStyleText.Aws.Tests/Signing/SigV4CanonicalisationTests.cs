using System.Text;
using Amazon.Runtime;
using GluonStyleText.Aws.Signing;

namespace GluonStyleText.Aws.Tests.Signing;

/// <summary>The parts of canonicalisation the suite does not pin down: S3-style paths, reserved characters, the signing time.</summary>
public sealed class SigV4CanonicalisationTests
{
    private static readonly ImmutableCredentials Credentials = new("AKIDEXAMPLE", "secret", null);

    private static SigV4Request Request(string path, IReadOnlyList<KeyValuePair<string, string>>? query = null) =>
        new("GET", new Uri("https://example.amazonaws.com"), path, query ?? [], [], Encoding.UTF8.GetBytes(string.Empty));

    private static string CanonicalPath(SigV4Request request) =>
        SigV4Signer.Sign(request, Credentials, "us-east-1", "service", new DateTime(2024, 6, 1, 10, 0, 0, DateTimeKind.Utc)).CanonicalRequest.Split('\n')[1];

    [Theory]
    [InlineData("/", "/")]
    [InlineData("", "/")]
    [InlineData("/a/./b/../c", "/a/c")]
    [InlineData("/a//b//", "/a/b/")]
    [InlineData("/a/b/..", "/a/")]
    [InlineData("/..", "/")]
    [InlineData("/a/.b/..c", "/a/.b/..c")]
    public void Paths_are_normalised_for_services_other_than_s3(string path, string expected) =>
        Assert.Equal(expected, SigV4PathNormalization.Normalize(path.Length == 0 ? "/" : path));

    [Fact]
    public void S3_style_paths_are_signed_verbatim()
    {
        var request = Request("/bucket/a//b/./c") with { NormalizePath = false, EncodePathTwice = false };

        Assert.Equal("/bucket/a//b/./c", CanonicalPath(request));
    }

    [Theory]
    [InlineData("AZaz09-._~", "AZaz09-._~")]
    [InlineData("a+b*c", "a%2Bb%2Ac")]
    [InlineData("a b=c&d", "a%20b%3Dc%26d")]
    [InlineData("ä/€", "%C3%A4%2F%E2%82%AC")]
    public void Only_unreserved_characters_are_left_unencoded(string value, string expected) =>
        Assert.Equal(expected, SigV4UriEncoding.Encode(value));

    [Fact]
    public void Query_parameters_sort_by_encoded_name_then_value()
    {
        var request = Request("/", [new("b", "2"), new("a", "z"), new("a", "y"), new("A", "x"), new("c d", "")]);

        var canonical = SigV4Signer.Sign(request, Credentials, "us-east-1", "service", DateTime.UnixEpoch).CanonicalRequest;

        Assert.Equal("A=x&a=y&a=z&b=2&c%20d=", canonical.Split('\n')[2]);
    }

    [Fact]
    public void Repeated_headers_are_joined_in_order_each_value_trimmed_and_inner_runs_collapsed()
    {
        var request = Request("/") with { Headers = [new("My-Header", "  a  "), new("x-extra", "1"), new("my-header", "b   c\t ")] };

        var signature = SigV4Signer.Sign(request, Credentials, "us-east-1", "service", DateTime.UnixEpoch);

        Assert.Contains("\nmy-header:a,b c\n", signature.CanonicalRequest, StringComparison.Ordinal);
        Assert.Equal("a,b   c", signature.SignedHeaders["my-header"]);
        Assert.Contains("SignedHeaders=host;my-header;x-amz-date;x-extra,", signature.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public void A_local_signing_time_is_signed_as_its_utc_instant()
    {
        var utc = new DateTime(2024, 6, 1, 10, 0, 0, DateTimeKind.Utc);

        var fromUtc = SigV4Signer.Sign(Request("/"), Credentials, "us-east-1", "service", utc);
        var fromLocal = SigV4Signer.Sign(Request("/"), Credentials, "us-east-1", "service", utc.ToLocalTime());

        Assert.Equal(fromUtc.Authorization, fromLocal.Authorization);
        Assert.Equal("20240601T100000Z", fromLocal.SignedHeaders["x-amz-date"]);
    }
}
