using System.Net;
using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using GluonStyleText.Aws.Storage;

namespace GluonStyleText.Aws.Tests.Storage;

/// <summary>
/// What the store says when S3 refuses a request (403), as S3 does for a role without the
/// permission, and for a missing key when the role may not list the bucket. The local S3 server
/// enforces no IAM, so S3's answers come from a handler that answers as S3 does.
/// </summary>
public sealed class S3AccessDeniedTests : IDisposable
{
    private readonly AmazonS3Client _client = new(
        new BasicAWSCredentials("AKIDEXAMPLE", "secret"),
        new AmazonS3Config { ServiceURL = "https://s3.eu-west-1.amazonaws.com", ForcePathStyle = true, AuthenticationRegion = "eu-west-1", MaxErrorRetry = 0, HttpClientFactory = new DenyingFactory() });

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task A_denied_HEAD_is_not_taken_for_a_missing_object()
    {
        var store = new S3FileStore(_client);

        var error = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => store.ExistsAsync(new S3Location("results", "a_output.manifest.json")));

        Assert.StartsWith("Cannot check s3://results/a_output.manifest.json: S3 denied access (HTTP 403", error.Message, StringComparison.Ordinal);
        Assert.Contains("needs s3:GetObject on the object and s3:ListBucket on bucket 'results'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_denied_download_names_the_permissions()
    {
        using var folder = new Fixtures.TempFolder();
        var store = new S3FileStore(_client);

        var error = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => store.DownloadFileAsync(new S3Location("predict", "gone.csv"), folder.Combine("gone.csv")));

        Assert.Contains("Cannot download s3://predict/gone.csv: S3 denied access (HTTP 403, AccessDenied)", error.Message, StringComparison.Ordinal);
        Assert.Contains("without s3:ListBucket S3 answers 403, not 404, for an object that does not exist", error.Message, StringComparison.Ordinal);
    }

    private sealed class DenyingFactory : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new Denying());
    }

    // S3's 403: an XML error body, none for HEAD.
    private sealed class Denying : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(HttpStatusCode.Forbidden) { RequestMessage = request };
            response.Headers.TryAddWithoutValidation("x-amz-request-id", "4442587FB7D0A2F9");
            response.Content = request.Method == HttpMethod.Head
                ? new ByteArrayContent([])
                : new StringContent("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>", Encoding.UTF8, "application/xml");
            return Task.FromResult(response);
        }
    }
}
