using System.Text;

namespace GluonStyleText.Aws.Signing;

/// <summary>
/// Task 1 of Signature Version 4: the canonical request, one line each for the method, the
/// encoded path, the sorted query, the canonical headers, the signed header names and the hash
/// of the payload.
/// </summary>
internal static class SigV4CanonicalRequest
{
    /// <summary>Builds the canonical request.</summary>
    /// <param name="request">The method, path, query and path-handling rules.</param>
    /// <param name="headers">The headers to sign by lower-case name, sorted ordinally, with repeated values already joined.</param>
    /// <param name="payloadHash">The lower-case hex SHA-256 of the body.</param>
    public static string Build(SigV4Request request, SortedDictionary<string, string> headers, string payloadHash)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(headers);

        var canonical = new StringBuilder();
        canonical.Append(request.Method).Append('\n');
        canonical.Append(Path(request)).Append('\n');
        canonical.Append(Query(request.QueryParameters)).Append('\n');
        foreach (var (name, value) in headers)
        {
            canonical.Append(name).Append(':').Append(TrimAll(value)).Append('\n');
        }

        canonical.Append('\n');
        canonical.Append(SignedHeaderNames(headers)).Append('\n');
        canonical.Append(payloadHash);
        return canonical.ToString();
    }

    /// <summary>The signed header names, lower case, sorted and joined with ';'.</summary>
    public static string SignedHeaderNames(SortedDictionary<string, string> headers) => string.Join(';', headers.Keys);

    private static string Path(SigV4Request request)
    {
        var path = request.ResourcePath.Length == 0 ? "/" : request.ResourcePath;
        if (request.NormalizePath)
        {
            path = SigV4PathNormalization.Normalize(path);
        }

        var encoded = SigV4UriEncoding.Encode(path, keepSlashes: true);

        // Services other than S3 decode the path once before they canonicalise it, so the
        // signer encodes it a second time (a space is %2520); '/' needs no encoding either time.
        return request.EncodePathTwice ? SigV4UriEncoding.Encode(encoded, keepSlashes: true) : encoded;
    }

    private static string Query(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        // Sorted by encoded name, then encoded value (repeated names are ordered by value), by
        // code point: the order the service recomputes on its side.
        var encoded = parameters
            .Select(parameter => (Name: SigV4UriEncoding.Encode(parameter.Key), Value: SigV4UriEncoding.Encode(parameter.Value ?? string.Empty)))
            .OrderBy(parameter => parameter.Name, StringComparer.Ordinal)
            .ThenBy(parameter => parameter.Value, StringComparer.Ordinal);
        return string.Join('&', encoded.Select(parameter => $"{parameter.Name}={parameter.Value}"));
    }

    /// <summary>Leading and trailing white space removed and inner runs of it made one space, as the spec's Trimall.</summary>
    private static string TrimAll(string value)
    {
        var trimmed = value.AsSpan().Trim();
        var result = new StringBuilder(trimmed.Length);
        var inRun = false;
        foreach (var c in trimmed)
        {
            if (c is ' ' or '\t')
            {
                if (!inRun)
                {
                    result.Append(' ');
                }

                inRun = true;
            }
            else
            {
                result.Append(c);
                inRun = false;
            }
        }

        return result.ToString();
    }
}
