using Microsoft.Extensions.Logging;

namespace GluonStyleText.Cli.Training;

/// <summary>Log messages about the training configuration.</summary>
internal static partial class TrainingLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Configuration: {Path}")]
    public static partial void Configuration(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "embed_size {Configured} of {Source} does not match the {Dimension}-dimensional vectors in {Vectors}; using embed_size {Dimension} instead")]
    public static partial void EmbeddingSizeAdapted(ILogger logger, int configured, string source, int dimension, string vectors);
}
