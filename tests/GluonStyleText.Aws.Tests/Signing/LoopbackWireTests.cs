using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using GluonStyleText.Aws.Batch;
using GluonStyleText.Aws.Configuration;
using GluonStyleText.Aws.SageMaker;
using GluonStyleText.Aws.Signing;
using GluonStyleText.Aws.Tests.Contracts;

namespace GluonStyleText.Aws.Tests.Signing;

/// <summary>
/// Real HTTP to a loopback server that checks each signature independently: what HttpClient puts
/// on the wire (Host with port, Content-Type, X-Amz-* headers, body) must be what was signed.
/// </summary>
public sealed class LoopbackWireTests : IAsyncLifetime
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<string> _answers = new();
    private readonly ConcurrentQueue<(string Method, string Path, NameValueCollectionCopy Headers, string Body, string? Problem)> _received = new();
    private Task? _serving;
    private Uri? _baseUri;

    public Task InitializeAsync()
    {
        var port = FreePort();
        _baseUri = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(_baseUri.ToString());
        _listener.Start();
        _serving = Task.Run(ServeAsync);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        if (_serving is not null)
        {
            await _serving;
        }
    }

    [Fact]
    public async Task Batch_requests_arrive_as_signed()
    {
        _answers.Enqueue(CannedResponses.SubmitJob);
        _answers.Enqueue(CannedResponses.DescribeJobsFailed);
        using var http = new HttpClient();
        var client = new BatchJsonClient(Options(), http);

        var job = await client.SubmitJobAsync(new BatchJobRequest("predict-1", "q", "d", new Dictionary<string, string> { ["key"] = "a b/ä.csv" }));
        var statuses = await client.DescribeJobsAsync([job.JobId]);

        Assert.Equal(BatchJobState.Failed, Assert.Single(statuses).Status);
        var requests = _received.ToList();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, request => Assert.Null(request.Problem));
        Assert.Equal(["/v1/submitjob", "/v1/describejobs"], requests.Select(request => request.Path));
        Assert.All(requests, request => Assert.Equal($"127.0.0.1:{_baseUri!.Port}", request.Headers.Get("Host")));
        Assert.All(requests, request => Assert.Equal("application/json", request.Headers.Get("Content-Type")));
        Assert.Contains("\"key\":\"a b/\\u00E4.csv\"", requests[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SageMaker_requests_arrive_as_signed_with_the_session_token()
    {
        _answers.Enqueue(CannedResponses.CreateTrainingJob);
        var options = Options();
        options.Credentials = new Amazon.Runtime.SessionAWSCredentials(TestClients.AccessKey, TestClients.SecretKey, "session/token+with=chars");
        using var http = new HttpClient();
        var client = new SageMakerJsonClient(options, http);

        await client.CreateTrainingJobAsync(SageMakerContractTests.Request("every option"));

        var request = Assert.Single(_received);
        Assert.Null(request.Problem);
        Assert.Equal("SageMaker.CreateTrainingJob", request.Headers.Get("X-Amz-Target"));
        Assert.Equal("application/x-amz-json-1.1", request.Headers.Get("Content-Type"));
        Assert.Equal("session/token+with=chars", request.Headers.Get("X-Amz-Security-Token"));
    }

    [Fact]
    public async Task A_tampered_request_is_rejected_by_the_verifier()
    {
        // Proves the verifier can fail when what arrives differs from what was signed.
        _answers.Enqueue(CannedResponses.SubmitJob);
        using var tampering = new HttpClient(new TamperingHandler { InnerHandler = new SocketsHttpHandler() });
        var client = new BatchJsonClient(Options(), tampering);

        var error = await Assert.ThrowsAsync<AwsApiException>(() => client.SubmitJobAsync(new BatchJobRequest("j", "q", "d", new Dictionary<string, string>())));

        Assert.Equal("InvalidSignatureException", error.ErrorType);
        Assert.StartsWith("signature mismatch", error.ErrorMessage, StringComparison.Ordinal);
    }

    private AwsClientOptions Options() => TestClients.Options(options => options.ServiceUrl = _baseUri);

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(reader);
            var body = reader.ToArray();
            var problem = IndependentSigV4Verifier.Verify(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.Headers, body, TestClients.SecretKey);
            _received.Enqueue((context.Request.HttpMethod, context.Request.Url.AbsolutePath, new NameValueCollectionCopy(context.Request.Headers), Encoding.UTF8.GetString(body), problem));

            var (status, answer) = problem is null && _answers.TryDequeue(out var next)
                ? (HttpStatusCode.OK, next)
                : (HttpStatusCode.Forbidden, System.Text.Json.JsonSerializer.Serialize(new { message = problem ?? "no answer queued" }));
            if (status != HttpStatusCode.OK)
            {
                context.Response.Headers["x-amzn-ErrorType"] = "InvalidSignatureException";
            }

            context.Response.StatusCode = (int)status;
            var bytes = Encoding.UTF8.GetBytes(answer);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Headers copied out of the listener's request, which is reused after the response.</summary>
    private sealed class NameValueCollectionCopy(System.Collections.Specialized.NameValueCollection headers)
    {
        private readonly Dictionary<string, string?> _values = headers.AllKeys.OfType<string>().ToDictionary(key => key, key => headers[key], StringComparer.OrdinalIgnoreCase);

        public string? Get(string name) => _values.GetValueOrDefault(name);
    }

    private sealed class TamperingHandler : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // What StringContent would do: a charset the signature did not cover.
            request.Content!.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            return base.SendAsync(request, cancellationToken);
        }
    }
}
