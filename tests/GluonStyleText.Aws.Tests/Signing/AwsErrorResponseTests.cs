using System.Net;
using System.Text;
using GluonStyleText.Aws.Signing;

namespace GluonStyleText.Aws.Tests.Signing;

public sealed class AwsErrorResponseTests
{
    [Theory]
    [InlineData("ClientException", "ClientException")]
    [InlineData("ClientException:http://internal.amazon.com/coral/com.amazonaws.batch.v20160810/", "ClientException")]
    [InlineData("com.amazon.coral.validate#ValidationException", "ValidationException")]
    [InlineData("aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/", "FooError")]
    [InlineData("  ", null)]
    public void Strips_namespace_and_url_from_error_types(string raw, string? expected)
    {
        Assert.Equal(expected, AwsErrorResponse.StripNamespaceAndUrl(raw));
    }

    [Fact]
    public void Prefers_the_header_type_over_the_body_type()
    {
        var error = Parse(HttpStatusCode.BadRequest, """{"__type":"BodyType","message":"m"}""", ("x-amzn-ErrorType", "HeaderType:http://x/"));

        Assert.Equal("HeaderType", error.ErrorType);
        Assert.Equal("m", error.Message);
    }

    [Fact]
    public void Quotes_a_body_that_is_not_json()
    {
        var error = Parse(HttpStatusCode.BadGateway, "<html><body>502 Bad Gateway</body></html>");

        Assert.Equal("ServiceUnavailable", error.ErrorType);
        Assert.Equal("<html><body>502 Bad Gateway</body></html>", error.Message);
    }

    [Fact]
    public void Falls_back_to_the_reason_phrase_for_an_empty_body()
    {
        var error = Parse(HttpStatusCode.Forbidden, string.Empty);

        Assert.Equal("UnknownError", error.ErrorType);
        Assert.Equal("Forbidden", error.Message);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, "X", true)]
    [InlineData(HttpStatusCode.InternalServerError, "ServerException", true)]
    [InlineData(HttpStatusCode.BadGateway, "X", true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, "X", true)]
    [InlineData(HttpStatusCode.GatewayTimeout, "X", true)]
    [InlineData(HttpStatusCode.BadRequest, "ThrottlingException", true)]
    [InlineData(HttpStatusCode.BadRequest, "TooManyRequestsException", true)]
    [InlineData(HttpStatusCode.BadRequest, "ThrottledException", true)]
    [InlineData(HttpStatusCode.BadRequest, "RequestLimitExceeded", true)]
    [InlineData(HttpStatusCode.BadRequest, "ClientException", false)]
    [InlineData(HttpStatusCode.BadRequest, "ValidationException", false)]
    [InlineData(HttpStatusCode.BadRequest, "ResourceLimitExceeded", false)]
    [InlineData(HttpStatusCode.Forbidden, "AccessDeniedException", false)]
    [InlineData(HttpStatusCode.NotImplemented, "X", false)]
    public void Retries_only_throttling_and_server_errors(HttpStatusCode status, string type, bool retryable)
    {
        Assert.Equal(retryable, AwsRetryPolicy.IsRetryable(new AwsErrorResponse(status, type, "m", null)));
    }

    private static AwsErrorResponse Parse(HttpStatusCode status, string body, params (string Name, string Value)[] headers)
    {
        using var response = new HttpResponseMessage(status);
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return AwsErrorResponse.Parse(response, Encoding.UTF8.GetBytes(body));
    }
}
