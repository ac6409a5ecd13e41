using System.Text.Json.Nodes;

namespace GluonStyleText.Aws.Tests.Contracts;

/// <summary>A request as a client sent it: method, URL, every header (request and content) and the body.</summary>
internal sealed record CapturedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public JsonNode BodyJson => JsonNode.Parse(Body) ?? throw new InvalidOperationException("The request body is JSON null.");

    public string Header(string name) =>
        Headers.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"The request has no {name} header.");
}
