using Microsoft.Extensions.Logging;

namespace GluonStyleText.Options;

/// <summary>Log messages of configuration loading.</summary>
internal static partial class OptionsLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "{Warning}")]
    public static partial void ConfigurationWarning(ILogger logger, string warning);
}
