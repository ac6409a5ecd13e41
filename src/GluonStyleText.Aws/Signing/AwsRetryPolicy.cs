using System.Net;

namespace GluonStyleText.Aws.Signing;

/// <summary>
/// Which failures are worth another attempt, and how long to wait: exponential backoff with
/// full jitter (a random wait up to the exponential cap), which spreads out clients that were
/// throttled together.
/// </summary>
internal static class AwsRetryPolicy
{
    private static readonly HashSet<string> ThrottlingErrorTypes = new(StringComparer.Ordinal)
    {
        "ThrottlingException",
        "Throttling",
        "TooManyRequestsException",
        "ThrottledException",
        "RequestLimitExceeded",
        "RequestThrottled",
        "RequestThrottledException",
        "SlowDown",
        "PriorRequestNotComplete",
    };

    /// <summary>Whether an error response is transient: throttling or a server-side failure.</summary>
    public static bool IsRetryable(AwsErrorResponse error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.StatusCode is HttpStatusCode.TooManyRequests
                or HttpStatusCode.InternalServerError
                or HttpStatusCode.BadGateway
                or HttpStatusCode.ServiceUnavailable
                or HttpStatusCode.GatewayTimeout
            || ThrottlingErrorTypes.Contains(error.ErrorType);
    }

    /// <summary>The wait after failed attempt number <paramref name="attempt"/> (1-based).</summary>
    /// <param name="attempt">The attempt that just failed, from 1.</param>
    /// <param name="baseDelay">The cap after the first attempt.</param>
    /// <param name="maxDelay">The largest cap.</param>
    /// <param name="randomFraction">A uniform random number in [0, 1).</param>
    public static TimeSpan GetDelay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, double randomFraction)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var exponent = Math.Min(attempt - 1, 30);
        var cap = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(cap * randomFraction);
    }
}
