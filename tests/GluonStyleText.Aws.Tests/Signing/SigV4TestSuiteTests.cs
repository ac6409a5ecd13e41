using Amazon.Runtime;
using GluonStyleText.Aws.Signing;

namespace GluonStyleText.Aws.Tests.Signing;

/// <summary>Our use of AWSSDK.Core's signer against the AWS Signature Version 4 test suite.</summary>
public sealed class SigV4TestSuiteTests
{
    // The suite's published example credentials and time (its .authz files name the same scope).
    private const string AccessKey = "AKIDEXAMPLE";
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string Region = "us-east-1";
    private const string Service = "service";
    private const string SessionToken =
        "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";

    private static readonly DateTime SignedAt = new(2015, 8, 30, 12, 36, 0, DateTimeKind.Utc);

    // Not run:
    // - normalize-path/*: these expect '.', '..' and '//' in paths to be normalised, which S3
    //   signing must not do and our clients never send (their paths are fixed: '/', '/v1/...').
    // - post-x-www-form-urlencoded-parameters: internally inconsistent; its .sts hashes a
    //   canonical request with 'charset=utf8' while its .req and .creq say 'charset=utf-8'.
    // - post-sts-token/post-sts-header-after: adds the token after signing; we always sign it
    //   (post-sts-header-before), which is what AWS services accept from the SDKs.
    private static readonly string[] Skipped = ["normalize-path", "post-x-www-form-urlencoded-parameters", "post-sts-token/post-sts-header-after"];

    public static TheoryData<string> Cases() => new(CaseNames());

    private static List<string> CaseNames()
    {
        var names = new List<string>();
        var root = SigV4SuiteCase.SuiteDirectory;
        foreach (var request in Directory.EnumerateFiles(root, "*.req", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetRelativePath(root, Path.GetDirectoryName(request)!).Replace('\\', '/');
            if (!Skipped.Any(skipped => name == skipped || name.StartsWith(skipped + "/", StringComparison.Ordinal)))
            {
                names.Add(name);
            }
        }

        return names;
    }

    [Fact]
    public void The_suite_is_where_the_tests_expect_it()
    {
        // Guards against the theory silently running zero cases.
        var count = CaseNames().Count;
        Assert.True(count >= 20, $"Found only {count} SigV4 suite cases in {SigV4SuiteCase.SuiteDirectory}.");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Signs_like_the_suite(string name)
    {
        var suiteCase = SigV4SuiteCase.Load(name);
        var request = suiteCase.Parse();
        var credentials = new ImmutableCredentials(AccessKey, SecretKey, null);
        var expectedCanonicalRequest = suiteCase.CanonicalRequest;

        if (name == "post-sts-token/post-sts-header-before")
        {
            // The signer must add the token header itself when the credentials carry one.
            request = request with { Headers = request.Headers.Where(header => header.Key != "X-Amz-Security-Token").ToList() };
            credentials = new ImmutableCredentials(AccessKey, SecretKey, SessionToken);
        }

        if (name == "post-x-www-form-urlencoded")
        {
            // The suite's .creq signs Content-Length but its .sts and .authz do not; we never sign
            // it (HttpClient computes it), so compare with the .creq that matches the .sts.
            expectedCanonicalRequest = expectedCanonicalRequest.Replace("content-length:13\n", string.Empty, StringComparison.Ordinal)
                .Replace("content-length;", string.Empty, StringComparison.Ordinal);
        }

        var signature = SigV4Signer.Sign(request, credentials, Region, Service, SignedAt);

        Assert.Equal(expectedCanonicalRequest, signature.CanonicalRequest);
        Assert.Equal(suiteCase.StringToSign, signature.StringToSign);
        Assert.Equal(suiteCase.Authorization, signature.Authorization);
    }
}
