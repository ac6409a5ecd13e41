using Microsoft.Extensions.Logging;

namespace GluonStyleText.Aws.Host.Batch;

/// <summary>Log messages of <see cref="BatchPredictionJob"/>.</summary>
internal static partial class BatchPredictionJobLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Batch prediction of {Input} with model {ModelUri} into {Output}")]
    public static partial void Starting(ILogger logger, string input, string modelUri, string output);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Model bundle {ModelUri} found in the local cache {Path}")]
    public static partial void ModelFromCache(ILogger logger, string modelUri, string path);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Model bundle {ModelUri} downloaded to {Path}")]
    public static partial void ModelDownloaded(ILogger logger, string modelUri, string path);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Cached model bundle {Path} is damaged and is downloaded again: {Reason}")]
    public static partial void CacheDamaged(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "{Output} is already the complete output of {Input} (ETag {ETag}) with model {ModelHash}; kept as it is")]
    public static partial void Reused(ILogger logger, string output, string input, string eTag, string modelHash);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Uploaded {Output} ({Rows} rows, {Rejected} with errors) and its manifest {Manifest}")]
    public static partial void Uploaded(ILogger logger, string output, long rows, long rejected, string manifest);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Error, Message = "Batch prediction of {Input} failed; no manifest was written for it")]
    public static partial void Failed(ILogger logger, string input, Exception exception);
}
