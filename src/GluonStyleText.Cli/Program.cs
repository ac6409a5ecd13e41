using GluonStyleText.Cli.Commands;
using GluonStyleText.Cli.ConsoleUi;

namespace GluonStyleText.Cli;

internal static class Program
{
    private static Task<int> Main(string[] args) => CommandLineHost.RunOnConsoleAsync(GluonTextCommandLine.Create, args);

    /// <summary>Runs the tool in-process with <paramref name="console"/> as its console (tests).</summary>
    internal static Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken) =>
        CommandLineHost.RunAsync(GluonTextCommandLine.Create(console), args, console, cancellationToken);
}
