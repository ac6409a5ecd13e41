using GluonStyleText.Cli.ConsoleUi;
using GluonStyleText.Samples.Imdb.Commands;

namespace GluonStyleText.Samples.Imdb;

internal static class Program
{
    private static Task<int> Main(string[] args) => CommandLineHost.RunOnConsoleAsync(ImdbCommandLine.Create, args);

    /// <summary>Parses <paramref name="args"/> and runs the command; the exit code is 0, 1 (failure or bad arguments) or 130 (cancelled).</summary>
    internal static Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken) =>
        CommandLineHost.RunAsync(ImdbCommandLine.Create(console), args, console, cancellationToken);
}
