using System.Globalization;
using System.Net;

namespace GluonStyleText.Aws.Signing;

/// <summary>
/// An AWS API call that the service answered with an error, such as
/// <c>Batch SubmitJob failed: ClientException: Job queue does not exist (HTTP 400, request id ...)</c>.
/// </summary>
public sealed class AwsApiException : Exception
{
    /// <summary>Creates the exception; the message is composed from the parts.</summary>
    /// <param name="service">The service, such as <c>Batch</c>.</param>
    /// <param name="operation">The operation, such as <c>SubmitJob</c>.</param>
    /// <param name="statusCode">The HTTP status of the last attempt.</param>
    /// <param name="errorType">The AWS error type, such as <c>ClientException</c>.</param>
    /// <param name="errorMessage">The service's explanation.</param>
    /// <param name="requestId">The AWS request id, for AWS support; null when the response had none.</param>
    /// <param name="attempts">How many attempts were made.</param>
    public AwsApiException(string service, string operation, HttpStatusCode statusCode, string errorType, string errorMessage, string? requestId, int attempts)
        : base(FormatMessage(service, operation, statusCode, errorType, errorMessage, requestId, attempts))
    {
        Service = service;
        Operation = operation;
        StatusCode = statusCode;
        ErrorType = errorType;
        ErrorMessage = errorMessage;
        RequestId = requestId;
        Attempts = attempts;
    }

    /// <summary>The service, such as <c>Batch</c> or <c>SageMaker</c>.</summary>
    public string Service { get; }

    /// <summary>The operation, such as <c>SubmitJob</c>.</summary>
    public string Operation { get; }

    /// <summary>The HTTP status of the last attempt.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The AWS error type without namespace, such as <c>ClientException</c> or <c>ValidationException</c>.</summary>
    public string ErrorType { get; }

    /// <summary>The service's explanation of the error.</summary>
    public string ErrorMessage { get; }

    /// <summary>The AWS request id of the last attempt, for AWS support; null when the response had none.</summary>
    public string? RequestId { get; }

    /// <summary>How many attempts were made (more than one when throttling or server errors were retried).</summary>
    public int Attempts { get; }

    private static string FormatMessage(string service, string operation, HttpStatusCode statusCode, string errorType, string errorMessage, string? requestId, int attempts)
    {
        var after = attempts > 1 ? string.Create(CultureInfo.InvariantCulture, $" after {attempts} attempts") : string.Empty;
        var request = requestId is null ? string.Empty : $", request id {requestId}";
        return string.Create(CultureInfo.InvariantCulture, $"{service} {operation} failed{after}: {errorType}: {errorMessage} (HTTP {(int)statusCode}{request})");
    }
}
