using Microsoft.Extensions.Logging;

namespace GluonStyleText.Aws.Storage;

/// <summary>Log messages of <see cref="S3FileStore"/>.</summary>
internal static partial class S3FileStoreLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Uploaded {File} to {Location} ({Bytes} bytes)")]
    public static partial void Uploaded(ILogger logger, string file, S3Location location, long bytes);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Downloaded {Location} to {File} ({Bytes} bytes)")]
    public static partial void Downloaded(ILogger logger, S3Location location, string file, long bytes);
}
