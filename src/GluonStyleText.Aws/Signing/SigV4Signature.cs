namespace GluonStyleText.Aws.Signing;

/// <summary>The outcome of signing one request.</summary>
/// <param name="Authorization">The <c>Authorization</c> header value.</param>
/// <param name="SignedHeaders">
/// Every signed header by lower-case name, including the <c>host</c>, <c>x-amz-date</c> and
/// <c>x-amz-security-token</c> headers the signer added; the request must carry these values.
/// </param>
/// <param name="CanonicalRequest">The canonical request, for diagnosing signature mismatches.</param>
/// <param name="StringToSign">The string to sign, for diagnosing signature mismatches.</param>
internal sealed record SigV4Signature(
    string Authorization,
    IReadOnlyDictionary<string, string> SignedHeaders,
    string CanonicalRequest,
    string StringToSign);
