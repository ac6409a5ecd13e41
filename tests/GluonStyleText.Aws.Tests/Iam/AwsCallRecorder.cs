using System.Net;
using System.Text.Json;
using System.Web;
using Amazon.Runtime;

namespace GluonStyleText.Aws.Tests.Iam;

/// <summary>
/// Records every AWS call a component makes as the IAM authorizations it needs, at the HTTP
/// layer every client already goes through (AWSSDK.S3 through its HttpClientFactory, the Batch
/// and SageMaker JSON clients through their HttpClient). The mapping from request to action and
/// resource follows each service's authorization reference: HEAD and GET of an object need
/// s3:GetObject, a listing s3:ListBucket with s3:prefix, a multipart upload s3:PutObject, Batch
/// SubmitJob batch:SubmitJob on both the queue and the job definition, CreateTrainingJob also
/// iam:PassRole on its role. A request it cannot map is recorded as such, which fails the test.
/// </summary>
internal sealed class AwsCallRecorder(string account, string region)
{
    private readonly List<IamRequest> _calls = [];

    public IReadOnlyList<IamRequest> Calls
    {
        get
        {
            lock (_calls)
            {
                return _calls.ToList();
            }
        }
    }

    /// <summary>
    /// An S3 client factory whose requests are recorded as <paramref name="principal"/>'s.
    /// The local server speaks HTTP; the code's clients use the default HTTPS endpoints in AWS, so
    /// its requests are recorded with the transport they have there (aws:SecureTransport=true).
    /// </summary>
    public HttpClientFactory S3(string principal) => new Factory(new HttpClient(Handler(principal, new SocketsHttpHandler(), localStandsInForHttps: true)));

    /// <summary>A handler that records <paramref name="principal"/>'s requests, then sends them to <paramref name="inner"/>.</summary>
    public DelegatingHandler Handler(string principal, HttpMessageHandler inner, bool localStandsInForHttps) =>
        new Recording(this, principal, localStandsInForHttps) { InnerHandler = inner };

    private void Add(IamRequest request)
    {
        lock (_calls)
        {
            _calls.Add(request);
        }
    }

    private IEnumerable<IamRequest> Map(string principal, HttpRequestMessage request, byte[] body, bool secure)
    {
        var context = new Dictionary<string, string> { ["aws:SecureTransport"] = secure ? "true" : "false" };
        var target = request.Headers.TryGetValues("x-amz-target", out var targets) ? targets.Single() : null;
        var why = $"{request.Method} {request.RequestUri!.PathAndQuery}";
        if (target?.StartsWith("SageMaker.", StringComparison.Ordinal) == true)
        {
            return SageMaker(principal, target["SageMaker.".Length..], body, context, why);
        }

        if (request.RequestUri!.AbsolutePath.EndsWith("/v1/submitjob", StringComparison.Ordinal))
        {
            using var json = JsonDocument.Parse(body);
            return new[] { "jobQueue", "jobDefinition" }.Select(field =>
                new IamRequest(principal, "batch:SubmitJob", BatchArn(json.RootElement.GetProperty(field).GetString()!, field), context, $"Batch SubmitJob ({field})")).ToList();
        }

        if (request.RequestUri.AbsolutePath.EndsWith("/v1/describejobs", StringComparison.Ordinal))
        {
            // DescribeJobs has no resource-level permissions.
            return [new IamRequest(principal, "batch:DescribeJobs", "*", context, "Batch DescribeJobs")];
        }

        return S3Calls(principal, request, context, why);
    }

    private IEnumerable<IamRequest> S3Calls(string principal, HttpRequestMessage request, Dictionary<string, string> context, string why)
    {
        var path = request.RequestUri!.AbsolutePath.TrimStart('/');
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        var bucket = Uri.UnescapeDataString(slash < 0 ? path : path[..slash]);
        var key = slash < 0 ? "" : Uri.UnescapeDataString(path[(slash + 1)..]);
        var query = HttpUtility.ParseQueryString(request.RequestUri.Query);
        var method = request.Method.Method;
        var bucketArn = $"arn:aws:s3:::{bucket}";
        var objectArn = $"{bucketArn}/{key}";
        IamRequest Call(string action, string resource, Dictionary<string, string>? extra = null) =>
            new(principal, action, resource, extra is null ? context : context.Concat(extra).ToDictionary(), why);

        if (key.Length == 0)
        {
            return (method, query) switch
            {
                ("GET", _) when query["versions"] is not null || query.AllKeys.Contains("versions") => [Call("s3:ListBucketVersions", bucketArn)],
                ("GET", _) when query.AllKeys.Contains("location") => [Call("s3:GetBucketLocation", bucketArn)],
                ("GET", _) => [Call("s3:ListBucket", bucketArn, query["prefix"] is { } prefix ? new() { ["s3:prefix"] = prefix } : null)],
                ("PUT", _) => [Call("s3:CreateBucket", bucketArn)],
                ("HEAD", _) => [Call("s3:ListBucket", bucketArn)],
                _ => [Call($"s3:UNMAPPED {method}", bucketArn)],
            };
        }

        var hasVersion = query["versionId"] is { Length: > 0 } and not "null";
        return method switch
        {
            "GET" or "HEAD" => [Call(hasVersion ? "s3:GetObjectVersion" : "s3:GetObject", objectArn)],
            "PUT" when request.Headers.Contains("x-amz-copy-source") => [Call("s3:PutObject", objectArn), Call("s3:GetObject", CopySource(request))],
            "PUT" or "POST" => [Call("s3:PutObject", objectArn)],
            "DELETE" when query["uploadId"] is not null => [Call("s3:AbortMultipartUpload", objectArn)],
            "DELETE" => [Call(hasVersion ? "s3:DeleteObjectVersion" : "s3:DeleteObject", objectArn)],
            _ => [Call($"s3:UNMAPPED {method}", objectArn)],
        };
    }

    private IEnumerable<IamRequest> SageMaker(string principal, string operation, byte[] body, Dictionary<string, string> context, string why)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        // Training job ARNs carry the name in lower case.
        var jobArn = $"arn:aws:sagemaker:{region}:{account}:training-job/{root.GetProperty("TrainingJobName").GetString()!.ToLowerInvariant()}";
        if (operation != "CreateTrainingJob")
        {
            return [new IamRequest(principal, $"sagemaker:{operation}", jobArn, context, $"SageMaker {operation}")];
        }

        var create = new Dictionary<string, string>(context)
        {
            ["sagemaker:NetworkIsolation"] = root.TryGetProperty("EnableNetworkIsolation", out var isolation) && isolation.GetBoolean() ? "true" : "false",
        };
        var pass = new Dictionary<string, string>(context) { ["iam:PassedToService"] = "sagemaker.amazonaws.com" };
        return
        [
            new IamRequest(principal, "sagemaker:CreateTrainingJob", jobArn, create, "SageMaker CreateTrainingJob"),
            new IamRequest(principal, "iam:PassRole", root.GetProperty("RoleArn").GetString()!, pass, "SageMaker CreateTrainingJob passes RoleArn"),
        ];
    }

    private string BatchArn(string nameOrArn, string field) =>
        nameOrArn.StartsWith("arn:", StringComparison.Ordinal)
            ? nameOrArn
            : $"arn:aws:batch:{region}:{account}:{(field == "jobQueue" ? "job-queue" : "job-definition")}/{nameOrArn}";

    private static string CopySource(HttpRequestMessage request) =>
        "arn:aws:s3:::" + Uri.UnescapeDataString(request.Headers.GetValues("x-amz-copy-source").Single().TrimStart('/').Split('?')[0]);

    private sealed class Recording(AwsCallRecorder recorder, string principal, bool localStandsInForHttps) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            var secure = request.RequestUri!.Scheme == Uri.UriSchemeHttps || localStandsInForHttps;
            var mapped = recorder.Map(principal, request, body, secure).ToList();
            foreach (var call in mapped)
            {
                recorder.Add(call);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound && mapped.FirstOrDefault(call => call.Action == "s3:GetObject") is { } read)
            {
                // S3 answers 404 for a missing key only to a caller that may list the bucket (403 otherwise).
                var bucket = read.Resource[..read.Resource.IndexOf('/', StringComparison.Ordinal)];
                recorder.Add(read with { Action = "s3:ListBucket", Resource = bucket, Context = read.Context, Why = $"{read.Why} answered 404, which needs s3:ListBucket" });
            }

            return response;
        }
    }

    private sealed class Factory(HttpClient client) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => client;

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
    }
}
