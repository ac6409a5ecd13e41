using Microsoft.Extensions.Logging;

namespace GluonStyleText.Aws.Signing;

/// <summary>Log messages of the AWS API clients.</summary>
internal static partial class AwsClientLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning,
        Message = "{Service} {Operation} attempt {Attempt} of {MaxAttempts} failed ({Reason}); retrying in {DelayMilliseconds:F0} ms")]
    public static partial void Retrying(ILogger logger, string service, string operation, int attempt, int maxAttempts, string reason, double delayMilliseconds);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Debug, Message = "{Service} {Operation} succeeded after {Attempt} attempt(s)")]
    public static partial void Succeeded(ILogger logger, string service, string operation, int attempt);
}
