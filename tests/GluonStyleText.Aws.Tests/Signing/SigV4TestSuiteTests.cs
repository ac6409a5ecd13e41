using Amazon.Runtime;
using GluonStyleText.Aws.Signing;

namespace GluonStyleText.Aws.Tests.Signing;

/// <summary>Our SigV4 signer against every case of the AWS Signature Version 4 test suite.</summary>
public sealed class SigV4TestSuiteTests
{
    // The suite's published example credentials and time (its .authz files name the same scope).
    private const string AccessKey = "AKIDEXAMPLE";
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string Region = "us-east-1";
    private const string Service = "service";
    private const string SessionToken =
        "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";

    // The suite as copied has 31 cases in 24 top-level folders; fewer means a folder went missing.
    private const int SuiteCaseCount = 31;

    private static readonly DateTime SignedAt = new(2015, 8, 30, 12, 36, 0, DateTimeKind.Utc);

    private static readonly ImmutableCredentials LongTermCredentials = new(AccessKey, SecretKey, null);

    public static TheoryData<string> Cases() => new(CaseNames());

    /// <summary>Every folder of the suite that holds a case (a .req file), none left out.</summary>
    private static List<string> CaseNames()
    {
        var root = SigV4SuiteCase.SuiteDirectory;
        return Directory.EnumerateFiles(root, "*.req", SearchOption.AllDirectories)
            .Select(request => Path.GetRelativePath(root, Path.GetDirectoryName(request)!).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    [Fact]
    public void Every_case_of_the_suite_is_run()
    {
        // Guards against the theory silently running fewer cases than the suite has.
        Assert.Equal(SuiteCaseCount, CaseNames().Count);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Signs_like_the_suite(string name)
    {
        var suiteCase = SigV4SuiteCase.Load(name);
        var request = suiteCase.Parse();
        var credentials = LongTermCredentials;
        var expectedCanonicalRequest = suiteCase.CanonicalRequest;

        switch (name)
        {
            case "post-sts-token/post-sts-header-before":
                // The token is signed; the signer must add that header itself when the credentials carry one.
                request = request with { Headers = request.Headers.Where(header => header.Key != "X-Amz-Security-Token").ToList() };
                credentials = new ImmutableCredentials(AccessKey, SecretKey, SessionToken);
                break;
            case "post-sts-token/post-sts-header-after":
                // Here the token header is added after signing, so it is not part of the signature:
                // that is the signature of the request without a token, which this case checks.
                // Our clients always sign the token (the case above), as AWS's SDKs do.
                break;
            case "post-x-www-form-urlencoded":
                // The suite's .creq signs Content-Length but its .sts and .authz do not; we never sign
                // it (HttpClient computes it), so compare with the .creq that matches the .sts.
                expectedCanonicalRequest = WithoutContentLength(expectedCanonicalRequest);
                break;
            case "post-x-www-form-urlencoded-parameters":
                SignsTheInconsistentFormCase(suiteCase, request);
                return;
        }

        var signature = SigV4Signer.Sign(request, credentials, Region, Service, SignedAt);

        Assert.Equal(expectedCanonicalRequest, signature.CanonicalRequest);
        Assert.Equal(suiteCase.StringToSign, signature.StringToSign);
        Assert.Equal(suiteCase.Authorization, signature.Authorization);
        Assert.Equal(suiteCase.SignedRequestAuthorization, signature.Authorization);
    }

    /// <summary>
    /// The suite's one inconsistent case: its .req and .creq have <c>charset=utf-8</c>, while its
    /// .sts hashes a canonical request with <c>charset=utf8</c> (and, like post-x-www-form-urlencoded,
    /// no Content-Length), and its .authz lists content-length among the signed headers where its
    /// .sreq, with the same signature, does not. So each file is checked against the request it was made from.
    /// </summary>
    private static void SignsTheInconsistentFormCase(SigV4SuiteCase suiteCase, SigV4Request request)
    {
        var asGiven = SigV4Signer.Sign(request, LongTermCredentials, Region, Service, SignedAt);
        Assert.Equal(WithoutContentLength(suiteCase.CanonicalRequest), asGiven.CanonicalRequest);

        var asHashed = request with
        {
            Headers = request.Headers.Select(header => header.Key == "Content-Type"
                ? new KeyValuePair<string, string>(header.Key, header.Value.Replace("charset=utf-8", "charset=utf8", StringComparison.Ordinal))
                : header).ToList(),
        };
        var signature = SigV4Signer.Sign(asHashed, LongTermCredentials, Region, Service, SignedAt);
        Assert.Equal(suiteCase.StringToSign, signature.StringToSign);
        Assert.Equal(suiteCase.SignedRequestAuthorization, signature.Authorization);
        Assert.Equal(suiteCase.Authorization.Replace("content-length;", string.Empty, StringComparison.Ordinal), signature.Authorization);
    }

    private static string WithoutContentLength(string canonicalRequest) =>
        canonicalRequest.Replace("content-length:13\n", string.Empty, StringComparison.Ordinal)
            .Replace("content-length;", string.Empty, StringComparison.Ordinal);
}
