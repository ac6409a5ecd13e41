using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace GluonStyleText.Aws.Tests.Iam;

/// <summary>Writes log entries (with their exceptions) to the test's output, so a failed run shows what the pipeline did.</summary>
internal sealed class TestOutputLogger(ITestOutputHelper output) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        try
        {
            output.WriteLine($"{logLevel}: {formatter(state, exception)}{(exception is null ? "" : $"\n{exception}")}");
        }
        catch (InvalidOperationException)
        {
            // Logged after the test ended.
        }
    }
}
