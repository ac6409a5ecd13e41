using System.Collections.Specialized;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace GluonStyleText.Aws.Tests.Signing;

/// <summary>
/// A from-the-spec SigV4 check of a request as it arrived on the wire, written without
/// AWSSDK.Core, so that it catches differences between what was signed and what HttpClient sent.
/// </summary>
internal static partial class IndependentSigV4Verifier
{
    /// <summary>Returns null when the signature is right, or the reason it is not.</summary>
    public static string? Verify(string method, string path, NameValueCollection headers, byte[] body, string secretKey)
    {
        var authorization = headers["Authorization"];
        var match = authorization is null ? null : AuthorizationPattern().Match(authorization);
        if (match is null || !match.Success)
        {
            return $"unreadable Authorization header '{authorization}'";
        }

        var (date, region, service) = (match.Groups["date"].Value, match.Groups["region"].Value, match.Groups["service"].Value);
        var signedHeaders = match.Groups["headers"].Value.Split(';');
        var canonicalHeaders = new StringBuilder();
        foreach (var name in signedHeaders)
        {
            var value = headers[name];
            if (value is null)
            {
                return $"signed header '{name}' did not arrive";
            }

            canonicalHeaders.Append(name).Append(':').Append(WhiteSpaceRun().Replace(value.Trim(), " ")).Append('\n');
        }

        // Services other than S3 encode each path segment twice.
        var canonicalPath = string.Join('/', path.Split('/').Select(segment => Uri.EscapeDataString(Uri.EscapeDataString(Uri.UnescapeDataString(segment)))));
        var canonicalRequest = $"{method}\n{canonicalPath}\n\n{canonicalHeaders}\n{match.Groups["headers"].Value}\n{Hex(SHA256.HashData(body))}";
        var amzDate = headers["X-Amz-Date"];
        if (amzDate is null || !amzDate.StartsWith(date, StringComparison.Ordinal))
        {
            return $"X-Amz-Date '{amzDate}' does not match the credential date {date}";
        }

        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + secretKey);
        foreach (var part in new[] { date, region, service, "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        var expected = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        return expected == match.Groups["signature"].Value
            ? null
            : $"signature mismatch; the server's canonical request was:\n{canonicalRequest}";
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLower(CultureInfo.InvariantCulture);

    [GeneratedRegex("^AWS4-HMAC-SHA256 Credential=(?<key>[^/]+)/(?<date>\\d{8})/(?<region>[^/]+)/(?<service>[^/]+)/aws4_request, SignedHeaders=(?<headers>[a-z0-9;-]+), Signature=(?<signature>[0-9a-f]{64})$")]
    private static partial Regex AuthorizationPattern();

    [GeneratedRegex("\\s+")]
    private static partial Regex WhiteSpaceRun();
}
