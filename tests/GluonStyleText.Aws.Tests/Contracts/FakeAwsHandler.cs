using System.Net;
using System.Text;

namespace GluonStyleText.Aws.Tests.Contracts;

/// <summary>
/// Stands in for an AWS endpoint inside HttpClient: records every request and answers with the
/// responses queued, in order. A request with nothing queued fails the test.
/// </summary>
internal sealed class FakeAwsHandler : HttpMessageHandler
{
    private readonly Queue<Func<CapturedRequest, HttpResponseMessage>> _answers = new();
    private readonly List<CapturedRequest> _requests = [];

    public IReadOnlyList<CapturedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToList();
            }
        }
    }

    public FakeAwsHandler Respond(HttpStatusCode status, string body, params (string Name, string Value)[] headers)
    {
        _answers.Enqueue(_ =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            response.Headers.TryAddWithoutValidation("x-amzn-RequestId", $"req-{Guid.NewGuid():N}");
            foreach (var (name, value) in headers)
            {
                response.Headers.Remove(name);
                response.Headers.TryAddWithoutValidation(name, value);
            }

            return response;
        });
        return this;
    }

    public FakeAwsHandler RespondOk(string body) => Respond(HttpStatusCode.OK, body);

    public FakeAwsHandler Respond(Func<CapturedRequest, HttpResponseMessage> answer)
    {
        _answers.Enqueue(answer);
        return this;
    }

    public FakeAwsHandler FailWithNetworkError() =>
        Respond(_ => throw new HttpRequestException("Connection refused (batch.eu-west-1.amazonaws.com:443)"));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
        {
            headers[name] = string.Join(",", values);
        }

        var captured = new CapturedRequest(request.Method, request.RequestUri!, headers, body);
        lock (_requests)
        {
            _requests.Add(captured);
        }

        if (_answers.Count == 0)
        {
            throw new InvalidOperationException($"Unexpected request {request.Method} {request.RequestUri}: no response queued.");
        }

        return _answers.Dequeue()(captured);
    }
}
