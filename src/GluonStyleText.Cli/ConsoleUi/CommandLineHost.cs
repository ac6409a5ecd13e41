using System.CommandLine;

namespace GluonStyleText.Cli.ConsoleUi;

/// <summary>Parses arguments and runs a command tree the same way in every program of the repository.</summary>
internal static class CommandLineHost
{
    /// <summary>Parses <paramref name="args"/> for <paramref name="root"/> and runs the command; the exit code is 0, 1 (failure or bad arguments), 3 (this machine computes wrong numbers) or 130 (cancelled).</summary>
    public static Task<int> RunAsync(RootCommand root, string[] args, CliConsole console, CancellationToken cancellationToken)
    {
        var parsing = new ParserConfiguration
        {
            // No @file response files: an argument such as "@claims.csv" or a --text starting with '@'
            // must reach the command as typed, not be replaced by the contents of a file.
            ResponseFileTokenReplacer = null,
        };
        var invocation = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,

            // Cancellation comes from CancellationSignals, which lets training finish writing its bundle however long that takes.
            ProcessTerminationTimeout = null,
        };
        return root.Parse(args, parsing).InvokeAsync(invocation, cancellationToken);
    }

    /// <summary>Runs <paramref name="root"/> on the process's console, with Ctrl+C and SIGTERM as cancellation.</summary>
    public static async Task<int> RunOnConsoleAsync(Func<CliConsole, RootCommand> root, string[] args)
    {
        var console = CliConsole.System();
        using var signals = new CancellationSignals(console.Error);
        return await RunAsync(root(console), args, console, signals.Token).ConfigureAwait(false);
    }
}
