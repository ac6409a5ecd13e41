using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;

namespace GluonStyleText.Aws.Signing;

/// <summary>
/// Signature Version 4 (header form, AWS4-HMAC-SHA256), written from the published spec with the
/// BCL's SHA-256 and HMAC so that this package relies on no internal type of AWSSDK.Core, and so
/// may run next to any 4.x of it. Checked against the AWS SigV4 test suite.
/// </summary>
internal static class SigV4Signer
{
    /// <summary>The algorithm name that starts the string to sign and the Authorization header.</summary>
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>The header that carries a session token.</summary>
    public const string SecurityTokenHeader = "x-amz-security-token";

    private const string DateHeader = "x-amz-date";
    private const string HostHeader = "host";

    // HttpClient computes Content-Length itself, and AWS does not require it to be signed.
    private const string ContentLengthHeader = "content-length";

    /// <summary>Signs <paramref name="request"/> as of <paramref name="signedAt"/>.</summary>
    /// <param name="request">What to sign.</param>
    /// <param name="credentials">The credentials; a session token is added as <c>X-Amz-Security-Token</c> and signed.</param>
    /// <param name="region">The region of the credential scope, such as <c>eu-west-1</c>.</param>
    /// <param name="service">The signing name of the service, such as <c>batch</c>.</param>
    /// <param name="signedAt">The signing time (UTC); AWS rejects signatures more than 5 minutes off.</param>
    public static SigV4Signature Sign(SigV4Request request, ImmutableCredentials credentials, string region, string service, DateTime signedAt)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentException.ThrowIfNullOrEmpty(region);
        ArgumentException.ThrowIfNullOrEmpty(service);

        // A local time would sign the wrong instant; an unspecified one is taken as the UTC it is documented to be.
        var utc = signedAt.Kind == DateTimeKind.Local ? signedAt.ToUniversalTime() : signedAt;
        var amzDate = utc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];

        var headers = HeadersToSign(request, credentials, amzDate);
        var payloadHash = Hex(SHA256.HashData(request.Body.Span));
        var canonicalRequest = SigV4CanonicalRequest.Build(request, headers, payloadHash);

        var scope = $"{date}/{region}/{service}/{SigV4SigningKey.Terminator}";
        var stringToSign = $"{Algorithm}\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var signingKey = SigV4SigningKey.Derive(credentials.SecretKey, date, region, service);
        var signature = Hex(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(stringToSign)));

        var authorization = $"{Algorithm} Credential={credentials.AccessKey}/{scope}, SignedHeaders={SigV4CanonicalRequest.SignedHeaderNames(headers)}, Signature={signature}";
        return new SigV4Signature(authorization, new Dictionary<string, string>(headers, StringComparer.Ordinal), canonicalRequest, stringToSign);
    }

    private static SortedDictionary<string, string> HeadersToSign(SigV4Request request, ImmutableCredentials credentials, string amzDate)
    {
        // Lower-case names, sorted by code point; a repeated header's values are joined with
        // commas in the order given, as a server folds them, each trimmed first as the spec
        // trims every value (white space around a header value is not part of it in HTTP).
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in request.Headers)
        {
            var lowerName = name.Trim().ToLowerInvariant();
            if (lowerName == ContentLengthHeader)
            {
                continue;
            }

            var trimmed = value.Trim();
            headers[lowerName] = headers.TryGetValue(lowerName, out var earlier) ? $"{earlier},{trimmed}" : trimmed;
        }

        // The Host header must match what HttpClient sends: the port only when it is not the scheme's default.
        if (!headers.ContainsKey(HostHeader))
        {
            var endpoint = request.Endpoint;
            headers[HostHeader] = endpoint.IsDefaultPort ? endpoint.Host : $"{endpoint.Host}:{endpoint.Port}";
        }

        // The signing time is the one in the scope, whatever the caller put there.
        headers[DateHeader] = amzDate;

        if (credentials.UseToken)
        {
            headers[SecurityTokenHeader] = credentials.Token;
        }

        return headers;
    }

    // SigV4 hex is lower case; Convert.ToHexStringLower is not in .NET 8.
    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
