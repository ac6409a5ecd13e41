using System.Text;
using GluonStyleText.Aws.Signing;
using GluonStyleText.Aws.Tests.Contracts;

namespace GluonStyleText.Aws.Tests.Signing;

/// <summary>One case of the AWS SigV4 test suite: the raw request and the expected canonical request, string to sign, Authorization header and signed request.</summary>
internal sealed record SigV4SuiteCase(string Name, string Request, string CanonicalRequest, string StringToSign, string Authorization, string SignedRequest)
{
    public static string SuiteDirectory => AwsModelsDirectory.File("sigv4-test-suite", "aws-sig-v4-test-suite");

    public static SigV4SuiteCase Load(string name)
    {
        var directory = Path.Combine(SuiteDirectory, name);
        var stem = Path.Combine(directory, Path.GetFileName(name));
        return new SigV4SuiteCase(
            name,
            File.ReadAllText(stem + ".req", Encoding.UTF8),
            File.ReadAllText(stem + ".creq", Encoding.UTF8),
            File.ReadAllText(stem + ".sts", Encoding.UTF8),
            File.ReadAllText(stem + ".authz", Encoding.UTF8),
            File.ReadAllText(stem + ".sreq", Encoding.UTF8));
    }

    /// <summary>The value of the Authorization header in the signed request (.sreq).</summary>
    public string SignedRequestAuthorization =>
        SignedRequest.Split('\n').Single(line => line.StartsWith("Authorization:", StringComparison.Ordinal))["Authorization:".Length..].Trim();

    /// <summary>
    /// Parses the raw request. Lines that start with white space continue the previous header
    /// (obsolete line folding); the suite expects each to be a further value of that header.
    /// </summary>
    public SigV4Request Parse()
    {
        var headerEnd = Request.IndexOf("\n\n", StringComparison.Ordinal);
        var head = headerEnd < 0 ? Request : Request[..headerEnd];
        var body = headerEnd < 0 ? string.Empty : Request[(headerEnd + 2)..];
        var lines = head.Split('\n');

        // The path may contain spaces: the method is before the first, the version after the last.
        var requestLine = lines[0];
        var method = requestLine[..requestLine.IndexOf(' ', StringComparison.Ordinal)];
        var target = requestLine[(method.Length + 1)..requestLine.LastIndexOf(' ')];

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            if (line.Length > 0 && char.IsWhiteSpace(line[0]))
            {
                headers.Add(new(headers[^1].Key, line.Trim()));
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers.Add(new(line[..colon], line[(colon + 1)..]));
        }

        var query = target.Contains('?', StringComparison.Ordinal) ? target[(target.IndexOf('?', StringComparison.Ordinal) + 1)..] : string.Empty;
        var path = target.Contains('?', StringComparison.Ordinal) ? target[..target.IndexOf('?', StringComparison.Ordinal)] : target;
        var parameters = query.Length == 0
            ? []
            : query.Split('&').Select(pair => pair.Split('=', 2)).Select(pair => new KeyValuePair<string, string>(
                Uri.UnescapeDataString(pair[0]), pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : string.Empty)).ToList();

        var host = headers.First(header => header.Key.Equals("Host", StringComparison.OrdinalIgnoreCase)).Value;
        return new SigV4Request(method, new Uri($"https://{host}"), path, parameters, headers, Encoding.UTF8.GetBytes(body))
        {
            // The suite encodes the path once, as for S3, but normalises it as for other services
            // (normalize-path/*); AWS services other than S3 expect it encoded twice. Once and
            // twice agree for the unreserved characters of our clients' paths.
            EncodePathTwice = false,
            NormalizePath = true,
        };
    }
}
