namespace GluonStyleText.Aws.Signing;

/// <summary>The parts of an HTTP request that Signature Version 4 covers.</summary>
/// <param name="Method">The HTTP method, such as <c>POST</c>.</param>
/// <param name="Endpoint">Scheme, host and port; its path is ignored.</param>
/// <param name="ResourcePath">The path, not percent-encoded, such as <c>/v1/submitjob</c>.</param>
/// <param name="QueryParameters">Query parameters, not percent-encoded, in any order; names may repeat.</param>
/// <param name="Headers">Headers to sign, in any order; names may repeat (their values are joined with commas).</param>
/// <param name="Body">The exact bytes of the body.</param>
internal sealed record SigV4Request(
    string Method,
    Uri Endpoint,
    string ResourcePath,
    IReadOnlyList<KeyValuePair<string, string>> QueryParameters,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    ReadOnlyMemory<byte> Body)
{
    /// <summary>
    /// Whether the canonical path encodes each segment twice, as AWS services other than S3
    /// expect (and AWSSDK.Core does for them). The generic SigV4 test suite encodes once.
    /// </summary>
    public bool EncodePathTwice { get; init; } = true;

    /// <summary>
    /// Whether dot segments and repeated '/' are removed from the path before it is signed, as
    /// AWS services other than S3 expect (they sign the path they resolve). S3 signs keys verbatim.
    /// </summary>
    public bool NormalizePath { get; init; } = true;
}
