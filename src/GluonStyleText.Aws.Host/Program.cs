using System.CommandLine;
using GluonStyleText.Aws.Host.Commands;
using CommonOptions = GluonStyleText.Cli.Commands.CommonOptions;
using GluonStyleText.Cli.ConsoleUi;

namespace GluonStyleText.Aws.Host;

internal static class Program
{
    private static Task<int> Main(string[] args) => CommandLineHost.RunOnConsoleAsync(Create, args);

    /// <summary>Parses <paramref name="args"/> and runs the command; the exit code is 0, 1 (failure or bad arguments) or 130 (cancelled).</summary>
    internal static Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken) =>
        CommandLineHost.RunAsync(Create(console), args, console, cancellationToken);

    private static RootCommand Create(CliConsole console)
    {
        var verbose = CommonOptions.Verbose();
        var root = new RootCommand("The GluonStyleText container: `train` under SageMaker, `predict` as the AWS Batch job; `plan`, `predict-shard` and `assemble` as the steps of a sharded prediction.")
        {
            verbose,
            TrainCommand.Create(console, verbose),
            PredictCommand.Create(console, verbose),
        };
        foreach (var command in ShardCommands.Create(console, verbose))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }
}
