using System.Net;
using System.Text;
using System.Text.Json;

namespace GluonStyleText.Aws.Signing;

/// <summary>
/// An AWS JSON error response (rest-json and awsJson 1.1 use the same shape): the type in the
/// <c>x-amzn-ErrorType</c> header or the body's <c>__type</c>, the text in <c>message</c> or <c>Message</c>.
/// </summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="ErrorType">The error type without namespace or URL, such as <c>ClientException</c>.</param>
/// <param name="Message">The service's explanation.</param>
/// <param name="RequestId">The <c>x-amzn-RequestId</c> header; null when missing.</param>
internal sealed record AwsErrorResponse(HttpStatusCode StatusCode, string ErrorType, string Message, string? RequestId)
{
    private const int MaxQuotedBodyLength = 500;

    /// <summary>Reads the error from a failed response's headers and body.</summary>
    public static AwsErrorResponse Parse(HttpResponseMessage response, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(body);
        var headerType = FirstHeader(response, "x-amzn-ErrorType");
        var requestId = FirstHeader(response, "x-amzn-RequestId") ?? FirstHeader(response, "x-amz-request-id");
        var (bodyType, bodyMessage) = ReadJsonBody(body);

        var type = StripNamespaceAndUrl(headerType) ?? StripNamespaceAndUrl(bodyType) ?? DefaultType(response.StatusCode);
        var message = bodyMessage ?? QuoteBody(body) ?? response.ReasonPhrase ?? "(no message)";
        return new AwsErrorResponse(response.StatusCode, type, message, requestId);
    }

    /// <summary>
    /// Turns <c>aws.protocoltests#ThrottlingException</c> or
    /// <c>ClientException:http://internal.amazon.com/coral/...</c> into the bare type name.
    /// </summary>
    public static string? StripNamespaceAndUrl(string? errorType)
    {
        if (string.IsNullOrWhiteSpace(errorType))
        {
            return null;
        }

        var type = errorType.Trim();
        var colon = type.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            type = type[..colon];
        }

        var hash = type.LastIndexOf('#');
        if (hash >= 0)
        {
            type = type[(hash + 1)..];
        }

        return type.Length == 0 ? null : type;
    }

    private static (string? Type, string? Message) ReadJsonBody(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            return (StringProperty(document.RootElement, "__type") ?? StringProperty(document.RootElement, "code"),
                StringProperty(document.RootElement, "message") ?? StringProperty(document.RootElement, "Message") ?? StringProperty(document.RootElement, "errorMessage"));
        }
        catch (JsonException)
        {
            // Proxies and load balancers answer in HTML or plain text; QuoteBody shows it.
            return (null, null);
        }
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static string? QuoteBody(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body).Trim();
        if (text.Length == 0)
        {
            return null;
        }

        return text.Length <= MaxQuotedBodyLength ? text : text[..MaxQuotedBodyLength] + "...";
    }

    private static string? FirstHeader(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static string DefaultType(HttpStatusCode statusCode) =>
        (int)statusCode >= 500 ? "ServiceUnavailable" : statusCode == HttpStatusCode.TooManyRequests ? "TooManyRequestsException" : "UnknownError";
}
