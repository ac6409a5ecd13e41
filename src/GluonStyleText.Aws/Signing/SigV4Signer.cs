using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;
using Amazon.Util;

namespace GluonStyleText.Aws.Signing;

/// <summary>
/// Signature Version 4 by AWSSDK.Core's own signer. Its request-level entry point needs the SDK's
/// request pipeline types, so this calls its canonicalisation and signing helpers directly; some
/// are protected, which is why this derives from <see cref="AWS4Signer"/> (and why AWSSDK.Core
/// is pinned to one exact version: this is an internal namespace).
/// </summary>
internal sealed class SigV4Signer : AWS4Signer
{
    /// <summary>The header that carries a session token; the SDK helpers do not add it.</summary>
    public const string SecurityTokenHeader = "x-amz-security-token";

    // HttpClient computes Content-Length itself, and AWS does not require it to be signed.
    private const string ContentLengthHeader = "content-length";

    private SigV4Signer()
    {
    }

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

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in request.Headers)
        {
            if (name.Equals(ContentLengthHeader, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            headers[name] = headers.TryGetValue(name, out var earlier) ? $"{earlier},{value}" : value;
        }

        if (credentials.UseToken)
        {
            headers[SecurityTokenHeader] = credentials.Token;
        }

        var endpoint = new Uri(request.Endpoint.GetLeftPart(UriPartial.Authority));
        InitializeHeaders(headers, endpoint, signedAt);
        var sortedHeaders = SortAndPruneHeaders(headers);
        var bodyHash = AWSSDKUtils.ToHex(ComputeHash(request.Body.ToArray()), true);
        var canonicalRequest = CanonicalizeRequest(
            endpoint,
            request.ResourcePath,
            request.Method,
            sortedHeaders,
            CanonicalizeQuery(request.QueryParameters),
            bodyHash,
            pathResources: null,
            request.EncodePathTwice);
        var result = ComputeSignature(credentials, region, signedAt, service, CanonicalizeHeaderNames(sortedHeaders), canonicalRequest);

        // ComputeSignature builds the string to sign internally without returning it; these are its parts.
        var stringToSign = $"{AWS4AlgorithmTag}\n{result.ISO8601DateTime}\n{result.Scope}\n{AWSSDKUtils.ToHex(ComputeHash(canonicalRequest), true)}";
        return new SigV4Signature(result.ForAuthorizationHeader, new Dictionary<string, string>(sortedHeaders), canonicalRequest, stringToSign);
    }

    private static string CanonicalizeQuery(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        // The spec sorts by encoded name, then by encoded value; the SDK helper sorts by raw
        // name only, so sort here and let it just join.
        var encoded = parameters
            .Select(parameter => new KeyValuePair<string, string>(
                AWSSDKUtils.UrlEncode(parameter.Key, false),
                AWSSDKUtils.UrlEncode(parameter.Value ?? string.Empty, false)))
            .OrderBy(parameter => parameter.Key, StringComparer.Ordinal)
            .ThenBy(parameter => parameter.Value, StringComparer.Ordinal)
            .ToList();
        return CanonicalizeQueryParameters(encoded, uriEncodeParameters: false);
    }
}
