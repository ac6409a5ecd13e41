using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace GluonStyleText.Cli.ConsoleUi;

/// <summary>The program's logging: one line per message on standard error, with timestamps.</summary>
internal static class CliLogging
{
    /// <summary>Creates the logger factory; dispose it to flush the messages still queued.</summary>
    /// <param name="verbose">Debug messages and the trainer's per-batch lines too.</param>
    /// <param name="progress">The progress line to clear before each message.</param>
    /// <param name="colors">Colour the level names (on a terminal only).</param>
    public static ILoggerFactory Create(bool verbose, ProgressLine progress, bool colors)
    {
        var factory = LoggerFactory.Create(builder =>
        {
            builder.SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Information);
            builder.AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.TimestampFormat = "HH:mm:ss ";
                options.ColorBehavior = colors ? LoggerColorBehavior.Enabled : LoggerColorBehavior.Disabled;
            });

            // Standard output is for results (accuracy, predictions), which a user may pipe.
            builder.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        });
        return new ProgressAwareLoggerFactory(factory, progress, verbose);
    }
}
