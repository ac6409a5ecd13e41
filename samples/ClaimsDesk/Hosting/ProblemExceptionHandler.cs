using GluonStyleText.Samples.ClaimsDesk.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace GluonStyleText.Samples.ClaimsDesk.Hosting;

/// <summary>
/// Every error as an RFC 7807 problem: the desk's own refusals with their words, a malformed request with the
/// framework's message, anything else with a sentence and no stack trace (the log has it).
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            UploadRejectedException rejected => new ProblemDetails { Status = rejected.Status, Title = rejected.Title, Detail = rejected.Detail },
            BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge =>
                new ProblemDetails { Status = bad.StatusCode, Title = "Request too large", Detail = "The request is larger than the desk accepts." },
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message },
            _ => null,
        };
        if (problem is null)
        {
            LogUnexpected(logger, exception, httpContext.Request.Path);
            problem = new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "Something went wrong", Detail = "The desk could not answer; its log has the details." };
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error answering {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string path);
}
