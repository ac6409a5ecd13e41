using System.CommandLine;
using GluonStyleText.Samples.Imdb.Commands;
using GluonStyleText.Samples.Imdb.ConsoleUi;

namespace GluonStyleText.Samples.Imdb;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var console = CliConsole.System();
        using var signals = new CancellationSignals(console.Error);
        return await RunAsync(args, console, signals.Token).ConfigureAwait(false);
    }

    /// <summary>Parses <paramref name="args"/> and runs the command; the exit code is 0, 1 (failure or bad arguments) or 130 (cancelled).</summary>
    internal static Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken)
    {
        var configuration = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,

            // Cancellation comes from CancellationSignals, which lets training finish writing its bundle however long that takes.
            ProcessTerminationTimeout = null,
        };
        return ImdbCommandLine.Create(console).Parse(args).InvokeAsync(configuration, cancellationToken);
    }
}
