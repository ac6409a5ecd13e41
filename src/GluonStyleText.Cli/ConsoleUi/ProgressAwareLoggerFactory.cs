using Microsoft.Extensions.Logging;

namespace GluonStyleText.Cli.ConsoleUi;

/// <summary>
/// Hands out loggers that clear the progress line before each message, so that a message never lands
/// in the middle of it, and that leave out the trainer's every-N-batches lines unless verbose: the
/// progress line already says the same.
/// </summary>
internal sealed class ProgressAwareLoggerFactory(ILoggerFactory inner, ProgressLine progress, bool verbose) : ILoggerFactory
{
    /// <summary>Name of the trainer's log event for a run of batches (see GluonStyleText's TrainerLog).</summary>
    public const string BatchesDoneEventName = "BatchesDone";

    public ILogger CreateLogger(string categoryName) => new ProgressAwareLogger(inner.CreateLogger(categoryName), progress, verbose);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    private sealed class ProgressAwareLogger(ILogger logger, ProgressLine progress, bool verbose) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => logger.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logger.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!logger.IsEnabled(logLevel) || (!verbose && eventId.Name == BatchesDoneEventName))
            {
                return;
            }

            progress.Interrupt();
            logger.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
